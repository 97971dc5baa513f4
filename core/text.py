"""Text that may enter the store, a log or the wire: valid Unicode, without NUL, nested a sane depth.

Python strings can hold what UTF-8 cannot encode: lone surrogates (`"\\ud800"` from a JSON escape, or
`"\\udcff"` from a file name that is not UTF-8, decoded with surrogateescape). Such a string is accepted
by `json.loads` and by SQLite's JSON column but breaks every later write of it as text (an error message
naming the file, the job list printed as JSON). So input is checked at the door (`check_text`,
`find_bad_text`) and the desk's own messages are made safe before they are stored (`safe_text`).
"""

from __future__ import annotations

import re
from typing import Any, Final

# Deeper than any payload or result the job types define (a few levels); deep enough for any real one,
# shallow enough that walking it never nears Python's recursion limit.
MAX_DEPTH: Final = 64

_SURROGATE = re.compile("[\ud800-\udfff]")


def first_line(exc: BaseException, *, with_type: bool = True) -> str:
    """An error in one line: a database error's own message, without SQLAlchemy's statement and links."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    text = lines[0] if lines else ""
    return f"{type(original).__name__}: {text}" if with_type else text or type(original).__name__


class BadText(ValueError):
    """A text is not valid Unicode (or holds NUL); `where` names the field, as `payload.image_path`."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text, or None."""
    found = _SURROGATE.search(value)
    if found is not None:
        return f"is not valid Unicode (a lone surrogate U+{ord(found.group()):04X} at character {found.start()})"
    if "\x00" in value:
        return f"contains a NUL character at character {value.index(chr(0))}"
    return None


def check_text(where: str, value: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        raise BadText(where, problem)
    return value


def find_bad_text(where: str, value: Any, depth: int = 0) -> None:
    """Raise BadText for the first string (key or value) in `value` that cannot be stored, naming its
    place (`payload.texts[2]`); also for nesting deeper than MAX_DEPTH. Walks dicts, lists and tuples."""
    if depth > MAX_DEPTH:
        raise BadText(where, f"is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        check_text(where, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{safe_text(key)}" if isinstance(key, str) else f"{where}[{key!r}]"
            if isinstance(key, str):
                check_text(f"{where} key {safe_text(key)!r}", key)
            find_bad_text(name, item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            find_bad_text(f"{where}[{index}]", item, depth + 1)


def safe_text(value: str) -> str:
    """`value` with lone surrogates written as `\\udXXX` escapes and NUL as `\\x00`: always storable."""
    if _SURROGATE.search(value) is not None:
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value.replace("\x00", "\\x00")


__all__ = ["MAX_DEPTH", "BadText", "check_text", "find_bad_text", "safe_text", "text_problem"]
