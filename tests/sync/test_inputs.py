"""Inputs of central jobs: URLs downloaded with a size limit; paths only inside the allowed folders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from core.sync.inputs import (
    InputRefused,
    InputUnavailable,
    bundled_templates_dir,
    resolve_central_inputs,
    resolve_host,
    safe_path,
)


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    scans = tmp_path / "scans"
    inbox = tmp_path / "inbox"
    data = tmp_path / "data"
    for d in (scans, inbox, data):
        d.mkdir()
    (scans / "a.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("no")
    return scans, inbox, data


def _http(handler) -> httpx.Client:  # type: ignore[no-untyped-def]
    return httpx.Client(transport=httpx.MockTransport(handler))


PUBLIC = "93.184.215.14"  # a globally routable address; the mock transport never connects to it


def _public(host: str) -> list[str]:
    return [PUBLIC]


def _resolve(payload: dict, dirs: tuple[Path, Path, Path], http: httpx.Client | None = None, max_bytes: int = 1000,
             **options: Any) -> dict:
    scans, inbox, data = dirs
    options.setdefault("resolver", _public)
    return resolve_central_inputs(payload, "job-1", data_dir=data, allowed_dirs=[scans, inbox], max_bytes=max_bytes,
                                  http=http or _http(lambda r: httpx.Response(500)), **options)


def test_paths_inside_allowed_folders_are_accepted(dirs: tuple[Path, Path, Path]) -> None:
    scans = dirs[0]
    assert _resolve({"image_path": str(scans / "a.png")}, dirs)["image_path"] == str((scans / "a.png").resolve())
    assert _resolve({"image_path": "a.png"}, dirs)["image_path"] == str((scans / "a.png").resolve())
    assert _resolve({"image_path": str(scans / "sub" / ".." / "a.png")}, dirs)["image_path"].endswith("scans/a.png")


@pytest.mark.parametrize("raw", [
    "/etc/passwd", "../secret.txt", "../../etc/passwd", "sub/../../secret.txt", "", "a\x00.png",
])
def test_paths_outside_are_refused(dirs: tuple[Path, Path, Path], raw: str) -> None:
    with pytest.raises(InputRefused):
        _resolve({"image_path": raw}, dirs)


def test_symlink_out_of_an_allowed_folder_is_refused(dirs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    os.symlink(tmp_path / "secret.txt", dirs[0] / "link.png")
    with pytest.raises(InputRefused, match="outside"):
        _resolve({"video_path": str(dirs[0] / "link.png")}, dirs)


def test_template_paths_checked_bare_names_passed_and_output_dirs_refused(dirs: tuple[Path, Path, Path]) -> None:
    bundled = _resolve({"image_path": "a.png", "template": "kr_omr_30"}, dirs)["template"]
    assert bundled == str(bundled_templates_dir() / "kr_omr_30.json")
    assert _resolve({"image_path": "a.png", "template": "kr_omr_30.json"}, dirs)["template"] == bundled
    with pytest.raises(InputRefused, match="template"):
        _resolve({"image_path": "a.png", "template": "/etc/shadow"}, dirs)
    with pytest.raises(InputRefused, match="annotate_dir"):
        _resolve({"image_path": "a.png", "annotate_dir": "/tmp/x"}, dirs)


def test_no_allowed_folders_refuses_every_path(dirs: tuple[Path, Path, Path]) -> None:
    with pytest.raises(InputRefused, match="import_dirs"):
        resolve_central_inputs({"image_path": "/x.png"}, "j", data_dir=dirs[2], allowed_dirs=[], max_bytes=10,
                               http=_http(lambda r: httpx.Response(200)))


def test_url_is_downloaded_into_the_data_folder(dirs: tuple[Path, Path, Path]) -> None:
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=b"x" * 600)

    resolved = _resolve({"image_url": "https://files.academy.test/p/%EC%8B%9C%ED%97%98 1.png?sig=abc", "engine": "auto"},
                        dirs, _http(handler))
    path = Path(resolved["image_path"])
    assert "image_url" not in resolved and resolved["engine"] == "auto"
    assert path.parent == dirs[2] / "downloads" / "job-1"
    assert path.read_bytes() == b"x" * 600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial file left


def test_download_size_limit(dirs: tuple[Path, Path, Path]) -> None:
    declared = _http(lambda r: httpx.Response(200, content=b"x" * 2000))
    with pytest.raises(InputRefused, match="2000 bytes"):
        _resolve({"video_url": "http://h.test/v.mp4"}, dirs, declared)

    def undeclared(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"x" * 700, b"x" * 700]))  # streamed: no Content-Length

    with pytest.raises(InputRefused, match="more than"):
        _resolve({"video_url": "http://h.test/v.mp4"}, dirs, _http(undeclared))
    assert not any((dirs[2] / "downloads" / "job-1").iterdir())


def test_download_errors(dirs: tuple[Path, Path, Path]) -> None:
    with pytest.raises(InputRefused, match="404"):
        _resolve({"image_url": "http://h.test/a.png"}, dirs, _http(lambda r: httpx.Response(404)))
    with pytest.raises(InputUnavailable, match="503"):
        _resolve({"image_url": "http://h.test/a.png"}, dirs, _http(lambda r: httpx.Response(503)))

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(InputUnavailable):
        _resolve({"image_url": "http://h.test/a.png"}, dirs, _http(refuse))
    with pytest.raises(InputRefused, match="http or https"):
        _resolve({"image_url": "file:///etc/passwd"}, dirs)


def test_safe_path_does_not_need_the_file_to_exist(dirs: tuple[Path, Path, Path]) -> None:
    assert safe_path("later.png", [dirs[1]], "image_path") == (dirs[1] / "later.png").resolve()


def test_relative_name_found_in_the_second_folder(dirs: tuple[Path, Path, Path]) -> None:
    (dirs[1] / "b.png").write_bytes(b"b")
    assert _resolve({"image_path": "b.png"}, dirs)["image_path"] == str((dirs[1] / "b.png").resolve())


@pytest.mark.parametrize("url", ["http://[::1", "http://", "https:///a.png"])
def test_malformed_urls_are_refused_not_retried(dirs: tuple[Path, Path, Path], url: str) -> None:
    with pytest.raises(InputRefused, match="image_url"):
        _resolve({"image_url": url}, dirs, _http(lambda r: httpx.Response(200, content=b"x")))


def test_prepare_hook_turns_unexpected_errors_into_a_retryable_failure() -> None:
    from desktop.services.remote_worker import prepare_hook
    from worker.errors import BadInput, TransientError

    class Inputs:
        def __init__(self, exc: Exception) -> None:
            self.exc = exc

        def prepare(self, job: object) -> dict:
            raise self.exc

    with pytest.raises(TransientError, match="could not prepare the job's inputs"):
        prepare_hook(Inputs(KeyError("boom")))(object())  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="no"):
        prepare_hook(Inputs(InputRefused("no")))(object())  # type: ignore[arg-type]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/a.png", "http://localhost/a.png", "http://[::1]/a.png",
    "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/a.png", "http://[::ffff:127.0.0.1]/a.png",
])
def test_loopback_and_link_local_hosts_are_refused(dirs: tuple[Path, Path, Path], url: str) -> None:
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(200, content=b"x")

    with pytest.raises(InputRefused, match=r"(loopback|link-local|unspecified).* address; central jobs may download only"):
        _resolve({"image_url": url}, dirs, _http(handler), resolver=resolve_host)
    assert asked == []  # refused before any request
    # A desk that allows it (the tests' stand-in runs on 127.0.0.1) downloads as usual.
    assert _resolve({"image_url": url}, dirs, _http(handler), allow_private=True)["image_path"]


def test_a_redirect_to_loopback_is_refused(dirs: tuple[Path, Path, Path]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["host"] == "files.test":
            return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})
        return httpx.Response(200, content=b"secret")

    def resolver(host: str) -> list[str]:
        return ["127.0.0.1"] if host == "127.0.0.1" else [PUBLIC]

    with pytest.raises(InputRefused, match="loopback"):
        _resolve({"image_url": "http://files.test/a.png"}, dirs, _http(handler), resolver=resolver)


def test_a_server_trickling_bytes_is_given_up_at_the_deadline(dirs: tuple[Path, Path, Path]) -> None:
    import time

    def trickle() -> Any:
        for _ in range(100):
            time.sleep(0.05)
            yield b"x"

    started = time.monotonic()
    with pytest.raises(InputUnavailable, match=r"longer than 0\.3 s"):
        _resolve({"image_url": "http://h.test/a.png"}, dirs, _http(lambda r: httpx.Response(200, content=trickle())),
                 deadline_s=0.3)
    assert time.monotonic() - started < 3
    assert not any((dirs[2] / "downloads" / "job-1").iterdir())  # no partial file left


@pytest.mark.parametrize("key", ["template", "answer_key"])
@pytest.mark.parametrize("name", ["secret.json", "secret", "..", "../../etc/passwd", "README.md", "kr_omr_30.json.bak"])
def test_bare_names_are_never_read_from_the_current_folder(
    dirs: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, name: str
) -> None:
    """A file in the worker's current folder (or above it) is not what a bare name from a job means."""
    cwd = tmp_path / "cwd" / "deeper"
    cwd.mkdir(parents=True)
    (cwd / "secret.json").write_text('{"token": "x"}')
    (cwd / "secret").write_text("x")
    monkeypatch.chdir(cwd)
    with pytest.raises(InputRefused, match=key):
        _resolve({"image_path": "a.png", key: name}, dirs)
