"""Template detection over many scans: how often the blank card's grid comes out right, how well the
detected template reads filled copies, and how long detection takes.

For every layout of tests/omr/blank_cards.py (and the bundled Korean cards, rendered by `template render`)
and every seed: a blank card at a random 150-300 dpi is scanned (skew, perspective, lighting, blur,
noise, JPEG), detected, checked against the layout (questions, student-number digits), and `--copies`
filled copies are read with the detected template. Detection time is CPU time of this process.

    .venv/bin/python benchmarks/template_detect.py --seeds 5 --copies 2
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.omr.blank_cards import LAYOUTS, draw_blank, fill, plan, scan  # noqa: E402
from worker.omr.detect.card import detect_card  # noqa: E402
from worker.omr.pages import load_page  # noqa: E402
from worker.omr.render import render_card  # noqa: E402
from worker.omr.sheet import read_sheet  # noqa: E402
from worker.omr.template import load_template  # noqa: E402

DPIS = (150, 200, 240, 300)


def decode(jpeg: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(jpeg, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)


def bubble_grid_cost(tmp: Path, sheets: int = 8, repeat: int = 3) -> dict[str, float]:
    """Median CPU ms to read one sheet with the detected template, with and without its BubbleGrid step."""
    layout = next(layout for layout in LAYOUTS if not layout.corner_marks and layout.id_digits)
    rng = np.random.default_rng(7)
    card = plan(layout)
    blank = draw_blank(card, 200)
    raw = detect_card(decode(scan(blank, rng, edge=False))).template()
    pages = []
    for index in range(sheets):
        page = blank.copy()
        fill(page, card, rng, 200)
        path = tmp / f"cost_{index}.jpg"
        path.write_bytes(scan(page, rng, edge=False))
        pages.append(load_page(path))
    out: dict[str, float] = {}
    for name, steps in (("with BubbleGrid", raw["preProcessors"]),
                        ("without", [s for s in raw["preProcessors"] if s["name"] != "BubbleGrid"])):
        path = tmp / "cost.json"
        path.write_text(json.dumps({**raw, "preProcessors": steps}), encoding="utf-8")
        template = load_template(path)
        runs = []
        for _ in range(repeat):
            start = time.process_time()
            for page in pages:
                read_sheet(page, template)
            runs.append((time.process_time() - start) / len(pages) * 1000)
        out[name] = statistics.median(runs)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="detect-bench-"))
    totals = {"blanks": 0, "grid_right": 0, "questions": 0, "correct": 0, "silent": 0, "flagged_wrong": 0}
    times: list[float] = []
    failures: list[str] = []
    # Cards without corner marks twice: on a dark lid (page edge shows) and on a white one (it does not).
    runs = [(layout, not layout.corner_marks) for layout in LAYOUTS]
    runs += [(layout, False) for layout in LAYOUTS if not layout.corner_marks]
    for layout, edge in runs:
        card = plan(layout)
        for seed in range(args.seeds):
            rng = np.random.default_rng(1000 + seed)
            dpi = int(rng.choice(DPIS))
            blank = draw_blank(card, dpi)
            grey = decode(scan(blank, rng, edge))
            totals["blanks"] += 1
            start = time.process_time()
            try:
                detection = detect_card(grey)
            except Exception as exc:  # counted as a miss, with its message
                failures.append(f"{layout.name} seed {seed} {dpi} dpi edge {edge}: {exc}")
                continue
            times.append(time.process_time() - start)
            if detection.questions != layout.questions or detection.id_digits != layout.id_digits:
                failures.append(f"{layout.name} seed {seed} {dpi} dpi edge {edge}: {'; '.join(detection.summary())}")
                continue
            totals["grid_right"] += 1
            path = tmp / f"{layout.name}_{seed}_{edge}.json"
            path.write_text(json.dumps(detection.template()), encoding="utf-8")
            template = load_template(path)
            for _ in range(args.copies):
                page = blank.copy()
                truth, _student = fill(page, card, rng, dpi)
                scan_path = tmp / "copy.jpg"
                scan_path.write_bytes(scan(page, rng, edge))
                read = read_sheet(load_page(scan_path), template)
                for column, expected in truth.items():
                    got = read.columns[column]
                    totals["questions"] += 1
                    if got["value"] == expected:
                        totals["correct"] += 1
                    elif got["flags"]:
                        totals["flagged_wrong"] += 1
                    else:
                        totals["silent"] += 1
    for questions in (20, 30, 45):
        bundled = load_template(REPO / "resources" / "templates" / f"kr_omr_{questions}.json")
        for seed in range(args.seeds):
            rng = np.random.default_rng(2000 + seed)
            image, _, _ = render_card(bundled, dpi=int(rng.choice(DPIS)))
            grey = decode(scan(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), rng, edge=False))
            totals["blanks"] += 1
            start = time.process_time()
            detection = detect_card(grey)
            times.append(time.process_time() - start)
            if detection.questions == questions and detection.id_digits == 8:
                totals["grid_right"] += 1
            else:
                failures.append(f"kr_omr_{questions} seed {seed}: {'; '.join(detection.summary())}")
    read_cost = bubble_grid_cost(tmp)
    accuracy = totals["correct"] / max(1, totals["questions"])
    print(f"blank cards: {totals['blanks']}, grid right: {totals['grid_right']}")
    print(f"questions read: {totals['questions']}, correct: {totals['correct']} ({accuracy:.4%}), "
          f"wrong but flagged: {totals['flagged_wrong']}, silent errors: {totals['silent']}")
    print(f"detection CPU time per card: median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    print("read CPU ms per sheet, a card without marks on a white lid: "
          + ", ".join(f"{name} {ms:.1f}" for name, ms in read_cost.items()))
    for failure in failures:
        print("miss:", failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
