"""Read synthetic sheets and count: question accuracy, silent errors (wrong and unflagged), student ids."""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tests.omr.synth import make_sheet
from worker.errors import BadInput


@dataclass
class Tally:
    sheets: int = 0
    rejected: int = 0
    questions: int = 0
    correct: int = 0
    silent: int = 0
    flagged: int = 0
    sid_exact: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("sheets", "rejected", "questions", "correct", "silent", "flagged", "sid_exact"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.examples.extend(other.examples)

    @property
    def accuracy(self) -> float:
        return self.correct / max(1, self.questions)

    @property
    def sid_rate(self) -> float:
        return self.sid_exact / max(1, self.sheets)


def evaluate(template_path: str, seed: int, count: int, hard: bool = False) -> Tally:
    import cv2

    from worker.omr.pages import load_page
    from worker.omr.sheet import read_sheet
    from worker.omr.template import load_template

    cv2.setNumThreads(1)
    template = load_template(template_path)
    rng = np.random.default_rng(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.jpg"
        for index in range(count):
            sheet = make_sheet(template_path, rng, hard=hard)
            path.write_bytes(sheet.jpeg)
            tally.sheets += 1
            try:
                read = read_sheet(load_page(path), template)
            except BadInput as exc:
                tally.rejected += 1  # rejected with a reason: never read wrong, but not read either
                tally.examples.append(f"seed {seed} #{index} rejected: {exc}")
                continue
            for column, truth in sheet.truth.items():
                got = read.columns[column]
                if column == template.student_id_column:
                    tally.sid_exact += got["value"] == truth
                    if got["value"] != truth and not got["flags"]:
                        tally.silent += 1
                        tally.examples.append(f"seed {seed} #{index} student id {truth} read {got['value']}")
                    continue
                tally.questions += 1
                tally.correct += got["value"] == truth
                tally.flagged += bool(got["flags"])
                if got["value"] != truth and not got["flags"]:
                    tally.silent += 1
                    tally.examples.append(f"seed {seed} #{index} {column}: {truth!r} read {got['value']!r}")
    return tally


def evaluate_parallel(template_path: str, sheets: int, seed: int = 0, processes: int | None = None,
                      hard: bool = False) -> Tally:
    processes = processes or os.cpu_count() or 1
    chunks = [sheets // processes + (1 if i < sheets % processes else 0) for i in range(processes)]
    total = Tally()
    with ProcessPoolExecutor(processes) as pool:
        futures = [pool.submit(evaluate, template_path, seed * 1000 + i, n, hard) for i, n in enumerate(chunks) if n]
        for future in futures:
            total.add(future.result())
    return total
