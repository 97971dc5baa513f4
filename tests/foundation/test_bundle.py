"""The installed app's own files: its tesseract (with tessdata and libraries), fonts and build information.

A fake app folder (what build.spec lays out under `sys._MEIPASS`) stands in for the frozen app; its
tesseract is a shell script that answers `--list-langs` only when it is given the bundled tessdata, so
the tests fail unless the worker runs it with the environment core.bundle prepares.
"""

from __future__ import annotations

import re
import stat
import sys
import tomllib
from pathlib import Path

import pytest

from core import build_info, bundle
from core.build_info import BuildInfo
from desktop.cli.main import main as cli_main
from desktop.gui.first_run import run_checks
from worker.context import JobContext
from worker.ocr import tesseract_engine
from worker.ocr.handler import tesseract_command

REPO = Path(__file__).resolve().parents[2]


def _fake_app(root: Path) -> Path:
    """An app folder with a tesseract that lists kor+eng only under the bundled TESSDATA_PREFIX."""
    folder = root / "tesseract"
    (folder / "tessdata").mkdir(parents=True)
    (folder / "lib").mkdir()
    exe = folder / bundle.TESSERACT_EXE
    exe.write_text(
        "#!/bin/sh\n"
        f'[ "$TESSDATA_PREFIX" = "{folder / "tessdata"}" ] || exit 1\n'
        f'case "$LD_LIBRARY_PATH" in "{folder / "lib"}"*) ;; *) exit 1 ;; esac\n'
        'echo "List of available languages in \\"$TESSDATA_PREFIX/\\" (2):"\necho eng\necho kor\n'
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    (root / "fonts").mkdir()
    (root / "fonts" / "NanumGothic.ttf").write_bytes(b"font")
    return exe


@pytest.fixture
def frozen_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "_internal"
    root.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    build_info.current.cache_clear()
    tesseract_engine.check_tesseract.cache_clear()
    yield root
    build_info.current.cache_clear()
    tesseract_engine.check_tesseract.cache_clear()


def test_from_source_nothing_is_bundled() -> None:
    assert bundle.bundle_dir() is None
    assert bundle.default_tesseract_cmd() == "tesseract"
    assert bundle.font_paths("NanumGothic.ttf") == ()
    env = {"PATH": "/usr/bin", "TESSDATA_PREFIX": "/elsewhere"}
    assert bundle.tesseract_env("/usr/bin/tesseract", env) == env


@pytest.mark.skipif(sys.platform == "win32", reason="the fake tesseract is a shell script")
def test_frozen_app_runs_its_own_tesseract_with_its_tessdata_and_libs(
    frozen_app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = _fake_app(frozen_app)
    # An empty PATH and a stray TESSDATA_PREFIX, as on a teacher's computer without tesseract.
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("TESSDATA_PREFIX", "/somewhere/else")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/bundle/top")
    # The ocr job with no tesseract_cmd setting finds the bundled program and runs it (--list-langs).
    ctx = JobContext(job_id="j", job_type="ocr", data_dir=frozen_app / "data")
    assert tesseract_command(ctx, "tesseract") == str(exe)
    env = bundle.tesseract_env(str(exe))
    assert env["TESSDATA_PREFIX"] == str(exe.parent / "tessdata")
    assert env["LD_LIBRARY_PATH"].split(":") == [str(exe.parent / "lib"), str(frozen_app), "/bundle/top"]


@pytest.mark.skipif(sys.platform == "win32", reason="the fake tesseract is a shell script")
def test_first_run_checks_find_the_bundled_tesseract_and_its_korean_data(
    frozen_app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = _fake_app(frozen_app)
    monkeypatch.setenv("PATH", "/nonexistent")
    checks = {check.key: check for check in run_checks(frozen_app / "data")}
    assert checks["tesseract"].ok and checks["tesseract"].detail == str(exe)
    assert checks["korean"].ok


def test_frozen_app_leaves_another_tesseract_alone(frozen_app: Path) -> None:
    _fake_app(frozen_app)
    base = {"PATH": "/usr/bin", "TESSDATA_PREFIX": "/usr/share/tessdata"}
    assert bundle.tesseract_env("/usr/bin/tesseract", base) == base


def test_frozen_app_without_tesseract_falls_back_to_path(frozen_app: Path) -> None:
    assert bundle.bundled_tesseract() is None
    assert bundle.default_tesseract_cmd() == "tesseract"


def test_bundled_fonts_are_found_by_name(frozen_app: Path) -> None:
    _fake_app(frozen_app)
    assert bundle.font_paths("Missing.ttf", "NanumGothic.ttf") == (str(frozen_app / "fonts" / "NanumGothic.ttf"),)


def test_source_build_info_is_the_project_version_and_the_checkout_commit() -> None:
    info = build_info.from_source()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert info.version == project["version"]
    assert re.fullmatch(r"[0-9a-f]{12}(-dirty)?", info.commit), info.commit
    assert info.describe() == f"{info.version} (commit {info.commit})"


def test_build_info_file_round_trip_and_frozen_app_reads_it(frozen_app: Path) -> None:
    baked = BuildInfo(version="1.2.3", commit="0123456789ab", built="2026-12-01T22:00:00Z")
    (frozen_app / build_info.FILE_NAME).write_text(baked.to_json(), encoding="utf-8")
    assert build_info.current() == baked
    assert baked.describe() == "1.2.3 (commit 0123456789ab, built 2026-12-01T22:00:00Z)"


def test_frozen_app_with_a_broken_build_info_still_starts(frozen_app: Path) -> None:
    (frozen_app / build_info.FILE_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=build_info.FILE_NAME):
        build_info.read_file(frozen_app / build_info.FILE_NAME)
    assert build_info.current() == BuildInfo(version="unknown", commit="unknown")


VERSION_LINE = re.compile(r"scandesk \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{12}(-dirty)?|unknown)(, built \S+)?\)\n")


def test_version_option_prints_version_and_commit(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli_main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert VERSION_LINE.fullmatch(out), out
    assert build_info.from_source().describe() in out


def test_version_option_of_the_installed_app_is_the_baked_one(
    frozen_app: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baked = BuildInfo(version="2.0.1", commit="abcdefabcdef", built="2026-12-01T22:00:00Z")
    (frozen_app / build_info.FILE_NAME).write_text(baked.to_json(), encoding="utf-8")
    with pytest.raises(SystemExit):
        cli_main(["--version"])
    out = capsys.readouterr().out
    assert out == "scandesk 2.0.1 (commit abcdefabcdef, built 2026-12-01T22:00:00Z)\n"
    assert VERSION_LINE.fullmatch(out)
