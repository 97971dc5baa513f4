"""What the teacher may tell detection when the card leaves it open (light: no OpenCV, for the CLI)."""

from __future__ import annotations

from dataclasses import dataclass

MAX_CHOICES = 6
MAX_ID_DIGITS = 12


@dataclass(frozen=True)
class Hints:
    questions: int | None = None  # questions the exam uses (the card may print more)
    choices: int | None = None  # choices per question
    id_digits: int | None = None  # digit columns of the student number block
