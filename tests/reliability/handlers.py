"""Handlers that make trouble for the loop, named by import string like real ones (`embedding` jobs:
`texts[0]` is the command)."""

from __future__ import annotations

from typing import Any

from worker.context import JobContext
from worker.errors import BadInput

LONE_SURROGATE = "\ud800"


class Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("this exception cannot even be printed")


def troublesome(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    """`surrogate-error`: fails naming a file whose name is not valid Unicode; `surrogate-result`: returns
    such a text; `unprintable`: raises an exception whose message raises; anything else: echoes."""
    command = payload["texts"][0]
    if command == "surrogate-error":
        raise BadInput(f"scans/{LONE_SURROGATE}.png is not an image")
    if command == "surrogate-crash":
        raise OSError(f"cannot open scans/{LONE_SURROGATE}.png")
    if command == "surrogate-result":
        return {"text": f"read {LONE_SURROGATE}"}
    if command == "unprintable":
        raise Unprintable()
    return {"texts": payload["texts"]}


TROUBLESOME = {"embedding": "tests.reliability.handlers:troublesome"}
