"""Where a job from the central queue may take its input from: a URL, or a folder this desk allows.

A central job is written by someone else, so its paths are not trusted:
- `image_url` / `video_url` (http or https only) are downloaded into the data folder, with a size limit
  checked against Content-Length first and against the bytes actually read, and an overall deadline (a
  server trickling bytes cannot hold the worker loop); the payload then names the downloaded file as
  `image_path` / `video_path`. A URL whose host (or a redirect's) resolves to an address that is not
  globally routable (loopback, private, link-local where cloud metadata lives, CGNAT, ULA, multicast,
  reserved, and IPv6 forms embedding one: `core.sync.addresses`) is refused unless the desk allows it
  (`allow_private_downloads`): a central job must not reach into the desk's own network. The address
  checked is the address connected to (no second DNS lookup that could answer differently).
- `image_path` / `video_path` (and `template`, `answer_key` when they are paths) must lie inside one of
  the allowed folders (the import folders and the watched folder) after resolving `..` and symlinks;
  anything else (`/etc/passwd`, `../../x`) is refused before the file is opened.
- A bare `template` / `answer_key` name (`kr_omr_30`, `kr_omr_30.json`) names a file bundled in
  `resources/templates` and is replaced by that file's full path; a bare name found nowhere there is
  refused (never looked up relative to the worker's current folder).
- `annotate_dir` (an output folder) is refused: a central job must not choose where the desk writes.

Refusals raise `InputRefused` (not retryable); a download that may work later raises `InputUnavailable`.
Runs on whichever thread prepares the job (`core.sync.remote.CentralInputs`); thread-safe.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import httpx

from core.sync import addresses

URL_TO_PATH: Final = {"image_url": "image_path", "video_url": "video_path"}
INPUT_PATH_KEYS: Final = ("image_path", "video_path")
# Keys that name a file the handler reads: a path (checked like the inputs), or a bare name of a file
# bundled in resources/templates.
OPTIONAL_PATH_KEYS: Final = ("template", "answer_key")
OUTPUT_PATH_KEYS: Final = ("annotate_dir",)
DOWNLOAD_READ_TIMEOUT_S: Final = 30.0
DEFAULT_DEADLINE_S: Final = 120.0
MAX_REDIRECTS: Final = 5

Resolver = Callable[[str], list[str]]


class InputRefused(Exception):
    """The job names an input this desk will not read; retrying cannot help."""


class InputUnavailable(Exception):
    """The input could not be fetched now (network, 5xx, 429); a later attempt may succeed."""


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.startswith(".")


def safe_path(raw: Any, allowed_dirs: Iterable[Path], key: str) -> Path:
    """The resolved path named by `raw` if it lies inside an allowed folder; else InputRefused.

    A relative path is taken relative to each allowed folder in turn. Nothing is opened or read.
    """
    if not isinstance(raw, str) or not raw.strip():
        raise InputRefused(f"{key} must be a non-empty path")
    if "\x00" in raw:
        raise InputRefused(f"{key} contains a NUL character")
    roots = [Path(d).expanduser().resolve() for d in allowed_dirs]
    if not roots:
        raise InputRefused(f"{key}: this desk allows no folders for central jobs (set import_dirs)")
    candidate = Path(raw)
    options = [candidate] if candidate.is_absolute() else [root / candidate for root in roots]
    inside = []
    for option in options:
        resolved = option.resolve()  # follows `..` and symlinks without opening the file
        if any(resolved == root or resolved.is_relative_to(root) for root in roots):
            inside.append(resolved)
    if inside:
        # A relative name may exist under the second folder only; prefer the folder that has it.
        return next((p for p in inside if p.exists()), inside[0])
    raise InputRefused(f"{key} {raw!r} is outside the folders this desk allows")


def bundled_templates_dir() -> Path:
    import resources

    return Path(resources.__file__).resolve().parent / "templates"


def bundled_file(name: str, key: str, folder: Path | None = None) -> Path:
    """The file a bare `name` means among the bundled templates (`.json` may be left off); else refused."""
    folder = (folder or bundled_templates_dir()).resolve()
    # Templates and answer keys are JSON: the folder's other files (README, scripts) are not meant.
    candidate = (folder / (name if name.lower().endswith(".json") else f"{name}.json")).resolve()
    if candidate.is_relative_to(folder) and candidate.is_file():
        return candidate
    raise InputRefused(f"{key} {name!r} is not a file bundled with ScanDesk (give a path in an allowed folder)")


def _file_name(url: str, key: str) -> str:
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:100]
    return name or ("input.mp4" if key == "video_url" else "input")


def resolve_host(host: str) -> list[str]:
    """The addresses `host` resolves to (a literal address resolves to itself)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]


def pinned_address(url: httpx.URL, key: str, resolver: Resolver) -> str:
    """Resolve `url`'s host once and return the address to connect to; InputRefused if any address it
    resolves to is not globally routable (a name that also points inside the network is not trusted)."""
    host = url.raw_host.decode("ascii")
    if not host:
        raise InputRefused(f"{key} must be an http or https URL with a host")
    try:
        found = resolver(host)
    except (OSError, UnicodeError):
        raise InputUnavailable(f"{key}: cannot resolve the host") from None
    if not found:
        raise InputUnavailable(f"{key}: the host has no address")
    for raw in found:
        try:
            why = addresses.refusal(raw)
        except ValueError:
            raise InputRefused(f"{key}: the host resolves to {raw!r}, which is not an IP address") from None
        if why is not None:
            raise InputRefused(
                f"{key}: the host resolves to {raw}, a {why} address; central jobs may download only from public addresses"
            )
    return str(addresses.parse(found[0]))


def _pinned_request(url: httpx.URL, address: str) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    """The URL, headers and extensions that reach `url` at `address` and nowhere else: the connection goes
    to the address, while the Host header and TLS (SNI and certificate check) use the name."""
    name = url.raw_host.decode("ascii")
    headers = {"Host": url.netloc.decode("ascii")}
    extensions: dict[str, Any] = {"sni_hostname": name} if url.scheme == "https" else {}
    return url.copy_with(host=address), headers, extensions


def download(url: str, dest_dir: Path, *, key: str, max_bytes: int, http: httpx.Client,
             deadline_s: float = DEFAULT_DEADLINE_S, allow_private: bool = False,
             resolver: Resolver = resolve_host) -> Path:
    """Fetch `url` into `dest_dir`; refuse more than `max_bytes`, give up after `deadline_s` in all.
    Returns the file's path.

    Unless `allow_private`, every hop's host is resolved once, checked, and the connection made to that
    very address (a DNS answer that changes between the check and the connection cannot redirect it).
    `http` should not keep connections alive: a kept connection to an address would be reused for
    another name that resolves there, with that other name's TLS session.
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[::1": a malformed URL is the job's fault, not the network's
        raise InputRefused(f"{key} is not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputRefused(f"{key} must be an http or https URL with a host")
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / _file_name(url, key)
    partial = dest_dir / f".{target.name}.{uuid.uuid4().hex[:8]}.part"
    give_up_at = time.monotonic() + deadline_s
    try:
        current = httpx.URL(url)
        # Redirects are followed here, one hop at a time, so every host is checked before it is asked.
        for _hop in range(MAX_REDIRECTS + 1):
            if current.scheme not in ("http", "https"):
                raise InputRefused(f"{key} redirected to a non-http URL")
            wire: httpx.URL = current
            headers: dict[str, str] = {}
            extensions: dict[str, Any] = {}
            if not allow_private:
                wire, headers, extensions = _pinned_request(current, pinned_address(current, key, resolver))
            left = give_up_at - time.monotonic()
            if left <= 0:
                raise InputUnavailable(f"{key}: download took longer than {deadline_s:.1f} s")
            # One read may wait this long; the deadline is checked again whenever bytes arrive.
            timeout = httpx.Timeout(min(DOWNLOAD_READ_TIMEOUT_S, left), connect=min(5.0, left))
            request = http.build_request("GET", wire, headers=headers, timeout=timeout, extensions=extensions)
            response = http.send(request, stream=True, follow_redirects=False)
            try:
                location = response.headers.get("location")
                if response.is_redirect and location:
                    # Joined to the URL with the name, not the address: a relative Location stays on it.
                    current = current.join(location)
                    continue
                _save_body(response, partial, key=key, max_bytes=max_bytes, give_up_at=give_up_at,
                           deadline_s=deadline_s)
                break
            finally:
                response.close()
        else:
            raise InputRefused(f"{key}: more than {MAX_REDIRECTS} redirects")
        os.replace(partial, target)
    except (ValueError, httpx.InvalidURL, httpx.UnsupportedProtocol):
        # httpx's own URL checks (bad port, missing host after a redirect...): retrying cannot help.
        raise InputRefused(f"{key} is not a valid http or https URL") from None
    except httpx.TimeoutException:
        raise InputUnavailable(f"{key}: download took longer than {deadline_s:.1f} s or stalled") from None
    except httpx.HTTPError as exc:
        raise InputUnavailable(f"{key}: download failed ({type(exc).__name__})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return target


def _save_body(response: httpx.Response, partial: Path, *, key: str, max_bytes: int, give_up_at: float,
               deadline_s: float) -> None:
    code = response.status_code
    if code == 429 or code >= 500:
        raise InputUnavailable(f"{key}: the server answered HTTP {code}")
    if code >= 400:
        raise InputRefused(f"{key}: the server answered HTTP {code}")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputRefused(f"{key}: input is {int(declared)} bytes, more than the {max_bytes} allowed")
    size = 0
    with open(partial, "wb") as out:
        # Without a chunk size, each piece comes as it arrives: a trickle is noticed at every piece.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise InputRefused(f"{key}: input is more than the {max_bytes} bytes allowed")
            out.write(chunk)
            if time.monotonic() > give_up_at:
                raise InputUnavailable(f"{key}: download took longer than {deadline_s:.1f} s")


def resolve_central_inputs(
    payload: Mapping[str, Any],
    job_id: str,
    *,
    data_dir: Path,
    allowed_dirs: Iterable[Path],
    max_bytes: int,
    http: httpx.Client,
    deadline_s: float = DEFAULT_DEADLINE_S,
    allow_private: bool = False,
    resolver: Resolver = resolve_host,
) -> dict[str, Any]:
    """The payload a handler may run with: URLs downloaded, paths checked. Raises InputRefused/Unavailable."""
    allowed = list(allowed_dirs)
    resolved = dict(payload)
    for key in OUTPUT_PATH_KEYS:
        if resolved.get(key):
            raise InputRefused(f"{key} is not accepted from the central queue")
    for key in INPUT_PATH_KEYS:
        if key in resolved and resolved[key] is not None:
            resolved[key] = str(safe_path(resolved[key], allowed, key))
    for key in OPTIONAL_PATH_KEYS:
        value = resolved.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str) or "\x00" in value:
            raise InputRefused(f"{key} must be a file name or a path")
        # A bare name is looked up only among the bundled templates: relative to the worker's current
        # folder it could name any file there (a stray secrets.json).
        resolved[key] = str(safe_path(value, allowed, key) if _looks_like_path(value) else bundled_file(value, key))
    for url_key, path_key in URL_TO_PATH.items():
        url = resolved.get(url_key)
        if url:
            # Each job gets its own folder: two jobs naming files with the same name never collide.
            target = download(str(url), data_dir / "downloads" / job_id, key=url_key, max_bytes=max_bytes, http=http,
                              deadline_s=deadline_s, allow_private=allow_private, resolver=resolver)
            del resolved[url_key]
            resolved[path_key] = str(target)
    return resolved
