"""Read cards drawn by tests/omr/cardgen.py with the product and count what a teacher would see.

- silent: a question (or student number) read wrong and not flagged: the target is zero;
- false alarm: read right, yet flagged, where a careful reader would not have looked twice;
- strict accuracy: read right and not flagged, over the questions with one clear reading (a flagged
  question counts as not read);
- caught: of the questions that must go to review (two marks, an answer erased to a blank), how many did.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tests.omr.cardgen import Mix, draw_sheet
from worker.errors import BadInput

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


@dataclass
class Tally:
    sheets: int = 0
    rejected: int = 0
    questions: int = 0  # questions with one clear reading
    right: int = 0  # read right, flagged or not
    right_unflagged: int = 0
    silent: int = 0
    false_alarms: int = 0
    must_review: int = 0
    caught: int = 0
    sid_right: int = 0
    flags: Counter[str] = field(default_factory=Counter)  # flag -> questions flagged with it
    alarm_styles: Counter[str] = field(default_factory=Counter)  # how the falsely flagged answers were marked
    examples: list[str] = field(default_factory=list)

    COUNTS = ("sheets", "rejected", "questions", "right", "right_unflagged", "silent", "false_alarms",
              "must_review", "caught", "sid_right")

    def add(self, other: Tally) -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.flags.update(other.flags)
        self.alarm_styles.update(other.alarm_styles)
        self.examples.extend(other.examples)

    @property
    def strict_accuracy(self) -> float:
        return self.right_unflagged / max(1, self.questions)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / max(1, self.questions)

    def report(self) -> dict[str, object]:
        return {
            "sheets": self.sheets,
            "rejected": self.rejected,
            "questions": self.questions,
            "silent_errors": self.silent,
            "false_alarms": self.false_alarms,
            "false_alarm_rate": round(self.false_alarm_rate, 5),
            "strict_accuracy": round(self.strict_accuracy, 5),
            "accuracy_flagged_or_not": round(self.right / max(1, self.questions), 5),
            "must_review_caught": f"{self.caught}/{self.must_review}",
            "student_id_right": f"{self.sid_right}/{self.sheets - self.rejected}",
            "flags": dict(self.flags.most_common()),
            "false_alarm_marks": dict(self.alarm_styles.most_common()),
        }


def evaluate(questions: int, seed: int, count: int, mix: Mix | None = None) -> Tally:
    import cv2

    from worker.omr.pages import load_page
    from worker.omr.sheet import read_sheet
    from worker.omr.template import load_template

    cv2.setNumThreads(1)
    template = load_template(TEMPLATES / f"kr_omr_{questions}.json")
    rng = np.random.default_rng(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "card.jpg"
        for index in range(count):
            sheet = draw_sheet(questions, rng, mix)
            path.write_bytes(sheet.jpeg)
            tally.sheets += 1
            where = f"seed {seed} #{index}"
            try:
                read = read_sheet(load_page(path), template)
            except BadInput as exc:
                tally.rejected += 1
                tally.examples.append(f"{where} rejected: {exc}")
                continue
            for column, truth in sheet.truth.items():
                got = read.columns[column]
                flagged = bool(got["flags"])
                right = got["value"] == truth
                if column == "student_id":
                    tally.sid_right += right
                    if not right and not flagged:
                        tally.silent += 1
                        tally.examples.append(f"{where} student id {truth} read {got['value']}")
                    continue
                for flag in got["flags"]:
                    tally.flags[flag] += 1
                if column in sheet.expect_review:
                    tally.must_review += 1
                    tally.caught += flagged
                    if not flagged:
                        tally.examples.append(f"{where} {column} ({sheet.styles.get(column)}) read "
                                              f"{got['value']!r} unflagged, needs review")
                    continue
                tally.questions += 1
                tally.right += right
                tally.right_unflagged += right and not flagged
                if not right and not flagged:
                    tally.silent += 1
                    tally.examples.append(f"{where} {column}: {truth!r} ({sheet.styles.get(column)}) "
                                          f"read {got['value']!r}")
                if right and flagged:
                    tally.false_alarms += 1
                    tally.alarm_styles[sheet.styles.get(column, "?")] += 1
    return tally


def evaluate_parallel(questions: int, sheets: int, seed: int = 0, processes: int | None = None,
                      mix: Mix | None = None) -> Tally:
    processes = max(1, min(processes or os.cpu_count() or 1, sheets))
    chunks = [sheets // processes + (1 if i < sheets % processes else 0) for i in range(processes)]
    total = Tally()
    with ProcessPoolExecutor(processes) as pool:
        futures = [pool.submit(evaluate, questions, seed * 1000 + i, n, mix) for i, n in enumerate(chunks) if n]
        for future in futures:
            total.add(future.result())
    return total
