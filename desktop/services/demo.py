"""A demo exam to try ScanDesk without a scanner: the bundled Korean 20-question card, an answer key,
and about thirty filled cards drawn as a phone or a scanner would give them (slightly turned, a little
noise), with the things a real class brings: a few blank answers, double marks and light pencil marks.

Qt-free; `scandesk demo` and the app's first-run dialog call `make_demo`, which blocks for a few
seconds while it draws the cards (the GUI runs it off the UI thread). Everything goes into the data
folder (HOME/demo), and the cards are imported into the exam, so the worker reads them next. Made
again, the demo reuses its exam and its cards, and the import reports them as duplicates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from core.exams import Exam, create_exam, list_exams
from core.queue import JobQueue
from core.store.paths import home_dir
from core.sync.inputs import bundled_templates_dir
from desktop.services.answer_keys import KeyRow, write_key_csv
from desktop.services.intake import ImportReport, import_paths
from worker.omr.render import render_card
from worker.omr.template import Template, load_template

DEMO_EXAM = "데모: 20문항 단원평가"
CARD = "kr_omr_20.json"
DPI = 150
PENCIL = 45  # grey level of a firm pencil mark
LIGHT = 195  # a mark made too lightly to be sure of: the reader flags it for review


@dataclass(frozen=True, slots=True)
class DemoCard:
    """What was drawn on one card (the truth the reader is checked against in the tests)."""

    file: str
    student_id: str
    answers: dict[str, str]  # question -> marked value ("" blank, "24" double mark)
    light: tuple[str, ...] = ()  # questions marked too lightly


@dataclass(frozen=True, slots=True)
class DemoExam:
    exam: Exam
    folder: Path  # the cards
    key: Path
    cards: tuple[DemoCard, ...]
    report: ImportReport = field(default_factory=ImportReport)


def demo_folder(home: Path | None = None) -> Path:
    return home_dir(home) / "demo"


def _key(rng: random.Random, questions: int) -> dict[str, str]:
    return {f"q{n}": str(rng.randint(1, 5)) for n in range(1, questions + 1)}


def plan_cards(count: int, seed: int = 2026) -> tuple[dict[str, str], list[DemoCard]]:
    """The key and each student's marks: abilities from weak to strong, and on a few cards a blank,
    a double mark or a light mark (three of each when there are at least a dozen cards)."""
    rng = random.Random(seed)
    key = _key(rng, 20)
    cards = []
    specials = max(1, min(3, count // 10))
    for i in range(count):
        ability = 0.35 + 0.6 * (i + 0.5) / count
        answers = {}
        for q, right in key.items():
            if rng.random() < ability:
                answers[q] = right
            else:
                answers[q] = rng.choice([c for c in "12345" if c != right])
        light: tuple[str, ...] = ()
        q = f"q{rng.randint(1, 20)}"
        if i % 10 == 3 and i // 10 < specials:
            answers[q] = ""
        elif i % 10 == 6 and i // 10 < specials:
            other = rng.choice([c for c in "12345" if c != answers[q]])
            answers[q] = "".join(sorted(answers[q] + other))
        elif i % 10 == 9 and i // 10 < specials:
            light = (q,)
        cards.append(DemoCard(f"card_{i + 1:02d}.jpg", f"2026{i + 1:04d}", answers, light))
    rng.shuffle(cards)
    return key, cards


def _fill(image: np.ndarray, template: Template, scale: float, offset: tuple[float, float],
          label: str, values: str, grey: int, rng: random.Random) -> None:
    by_label = template.field_by_label()
    target = by_label[label]
    for j, value in enumerate(target.values):
        if value not in values:
            continue
        b = target.bubble_start + j
        cx = offset[0] + (template.bx[b] + template.bw[b] / 2) * scale + rng.uniform(-1, 1)
        cy = offset[1] + (template.by[b] + template.bh[b] / 2) * scale + rng.uniform(-1, 1)
        axes = (max(2, round(template.bw[b] * scale * 0.42)), max(2, round(template.bh[b] * scale * 0.42)))
        cv2.ellipse(image, (round(cx), round(cy)), axes, 0, 0, 360, (grey, grey, grey), -1, cv2.LINE_AA)


def draw_card(template: Template, card: DemoCard, seed: int) -> np.ndarray:
    """One filled card as a greyscale scan: marks in pencil, turned up to a degree, with sensor noise."""
    rng = random.Random(seed)
    image, scale, offset = render_card(template, dpi=DPI)
    image = np.array(image, copy=True)  # render_card hands back a read-only view of its PIL image
    parts = template.custom_labels.get(template.student_id_column or "", [])
    for part, digit in zip(parts, card.student_id, strict=False):
        _fill(image, template, scale, offset, part, digit, PENCIL, rng)
    for question, marked in card.answers.items():
        if marked:
            _fill(image, template, scale, offset, question, marked,
                  LIGHT if question in card.light else PENCIL, rng)
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    h, w = grey.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.0, 1.0), 1.0)
    turned = np.asarray(cv2.warpAffine(grey, turn, (w, h), borderValue=255), dtype=np.float32)
    noise = np.random.default_rng(seed).normal(0, 4, turned.shape)
    scan: np.ndarray = np.clip(turned * 0.97 + 4 + noise, 0, 255).astype(np.uint8)
    return scan


def write_demo_cards(folder: Path, count: int = 30, seed: int = 2026) -> tuple[Path, Path, list[DemoCard]]:
    """Draw the cards and write the key; returns (scans folder, key file, cards). Cards already drawn
    are kept as they are (same seed, same cards)."""
    template = load_template(bundled_templates_dir() / CARD)
    key, cards = plan_cards(count, seed)
    scans = folder / "scans"
    scans.mkdir(parents=True, exist_ok=True)
    key_path = write_key_csv(folder / "answer_key.csv",
                             [KeyRow(int(q[1:]), (a,), 5.0) for q, a in key.items()])
    for n, card in enumerate(sorted(cards, key=lambda c: c.file)):
        path = scans / card.file
        if not path.exists():
            cv2.imwrite(str(path), draw_card(template, card, seed + n), [cv2.IMWRITE_JPEG_QUALITY, 88])
    return scans, key_path, cards


def make_demo(queue: JobQueue, home: Path | None = None, *, count: int = 30, settings: object = None) -> DemoExam:
    """The demo exam with its cards imported (queued for the worker). Raises ValueError or OSError."""
    if not 1 <= count <= 500:
        raise ValueError(f"demo cards: 1 to 500, got {count}")
    folder = demo_folder(home)
    scans, key_path, cards = write_demo_cards(folder, count)
    exam = next((e for e in list_exams(queue.store) if e.name == DEMO_EXAM), None)
    if exam is None:
        exam = create_exam(queue.store, DEMO_EXAM, bundled_templates_dir() / CARD, key_path)
    report = import_paths(queue, [scans / c.file for c in sorted(cards, key=lambda c: c.file)],
                          exam=exam, settings=settings)
    return DemoExam(exam, scans, key_path, tuple(cards), report)


__all__ = ["DEMO_EXAM", "DemoCard", "DemoExam", "demo_folder", "draw_card", "make_demo", "plan_cards",
           "write_demo_cards"]
