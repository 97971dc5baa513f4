"""Templates and answer keys cached per process by (path, mtime): a batch of a hundred pages parses them once,
and an edited file is read again. No OpenCV here: the desk's services look keys up without the reader.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from worker.omr.score import AnswerKey, load_answer_key
from worker.omr.template import Template, load_template


def _mtime(path: str) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=16)
def _template(path: str, mtime: float) -> Template:
    return load_template(path)


@lru_cache(maxsize=16)
def _key(path: str, mtime: float, template_path: str | None, template_mtime: float) -> AnswerKey:
    return load_answer_key(path, cached_template(template_path) if template_path else None)


def cached_template(path: str) -> Template:
    return _template(str(Path(path).resolve()), _mtime(path))


def cached_key(path: str, template_path: str | None = None) -> AnswerKey:
    """The key at `path`; a scanned key sheet (or an evaluation.json naming one) is read with the template."""
    template = str(Path(template_path).resolve()) if template_path else None
    return _key(str(Path(path).resolve()), _mtime(path), template, _mtime(template) if template else -1.0)
