"""Pillow's warnings about damaged metadata, kept off the teacher's terminal.

Reading a TIFF page or a JPEG's EXIF block, Pillow warns (`UserWarning` from `PIL.TiffImagePlugin`:
"Corrupt EXIF data", "Truncated File Read") and goes on without the tag. Scanners write such tags
often; the page is read all the same, or fails with its own BadInput, so the warning only adds noise
on stderr of `scandesk omr` and the worker (once per pool child).
"""

from __future__ import annotations

import warnings


def silence_metadata_warnings() -> None:
    """Idempotent: `filterwarnings` puts the same filter first only once."""
    warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.TiffImagePlugin")
