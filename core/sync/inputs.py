"""Where a job from the central queue may take its input from: a URL, or a folder this desk allows.

A central job is written by someone else, so its paths are not trusted:
- `image_url` / `video_url` (http or https only) are downloaded into the data folder, with a size limit
  checked against Content-Length first and against the bytes actually read; the payload then names the
  downloaded file as `image_path` / `video_path`.
- `image_path` / `video_path` (and `template`, `answer_key` when they are paths) must lie inside one of
  the allowed folders (the import folders and the watched folder) after resolving `..` and symlinks;
  anything else (`/etc/passwd`, `../../x`) is refused before the file is opened.
- `annotate_dir` (an output folder) is refused: a central job must not choose where the desk writes.

Refusals raise `InputRefused` (not retryable); a download that may work later raises `InputUnavailable`.
Runs on the worker loop's thread (the `prepare` hook); downloads block it, within their timeouts.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import httpx

URL_TO_PATH: Final = {"image_url": "image_path", "video_url": "video_path"}
INPUT_PATH_KEYS: Final = ("image_path", "video_path")
# Keys that name a file the handler reads; checked only when the value looks like a path (a bare name
# such as a bundled template's is resolved by the handler among its own resources).
OPTIONAL_PATH_KEYS: Final = ("template", "answer_key")
OUTPUT_PATH_KEYS: Final = ("annotate_dir",)
DOWNLOAD_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)
_CHUNK: Final = 64 * 1024


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


def _file_name(url: str, key: str) -> str:
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:100]
    return name or ("input.mp4" if key == "video_url" else "input")


def download(url: str, dest_dir: Path, *, key: str, max_bytes: int, http: httpx.Client) -> Path:
    """Fetch `url` into `dest_dir`; refuse more than `max_bytes`. Returns the file's path."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[::1": a malformed URL is the job's fault, not the network's
        raise InputRefused(f"{key} is not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputRefused(f"{key} must be an http or https URL with a host")
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / _file_name(url, key)
    partial = dest_dir / f".{target.name}.{uuid.uuid4().hex[:8]}.part"
    try:
        with http.stream("GET", url, timeout=DOWNLOAD_TIMEOUT, follow_redirects=True) as response:
            if response.url.scheme not in ("http", "https"):
                raise InputRefused(f"{key} redirected to a non-http URL")
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
                for chunk in response.iter_bytes(_CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputRefused(f"{key}: input is more than the {max_bytes} bytes allowed")
                    out.write(chunk)
        os.replace(partial, target)
    except (ValueError, httpx.InvalidURL, httpx.UnsupportedProtocol):
        # httpx's own URL checks (bad port, missing host after a redirect...): retrying cannot help.
        raise InputRefused(f"{key} is not a valid http or https URL") from None
    except httpx.HTTPError as exc:
        raise InputUnavailable(f"{key}: download failed ({type(exc).__name__})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return target


def resolve_central_inputs(
    payload: Mapping[str, Any],
    job_id: str,
    *,
    data_dir: Path,
    allowed_dirs: Iterable[Path],
    max_bytes: int,
    http: httpx.Client,
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
        if isinstance(value, str) and _looks_like_path(value):
            resolved[key] = str(safe_path(value, allowed, key))
    for url_key, path_key in URL_TO_PATH.items():
        url = resolved.get(url_key)
        if url:
            # Each job gets its own folder: two jobs naming files with the same name never collide.
            target = download(str(url), data_dir / "downloads" / job_id, key=url_key, max_bytes=max_bytes, http=http)
            del resolved[url_key]
            resolved[path_key] = str(target)
    return resolved
