"""Processes read from /proc (Linux), for tests that check what outlives a killed worker."""

from __future__ import annotations

import os
import time
from pathlib import Path

PROC = Path("/proc")


def parent_of(pid: int) -> int | None:
    """The parent pid of `pid`, or None if it is gone (or a zombie: it runs nothing any more)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name is in parentheses and may hold spaces: the fields after the last ')' are fixed.
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] in ("Z", "X"):
        return None
    return int(fields[1])


def descendants(root: int) -> set[int]:
    """Every live process below `root` (children, their children...)."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            parent = parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if parent_of(pid) is not None}


def wait_until_gone(pids: set[int], timeout_s: float) -> set[int]:
    """The pids still alive after waiting up to `timeout_s` for all of them to end."""
    deadline = time.monotonic() + timeout_s
    left = alive(pids)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = alive(left)
    return left


def command_line(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def supported() -> bool:
    return os.path.isdir("/proc/self") and os.name == "posix"
