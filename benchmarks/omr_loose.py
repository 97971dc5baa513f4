"""Loose templates: how many column readings change when every block of each shared OMRChecker sample's
template is moved by up to half a bubble (tests/omr/loose.py), and how many of those are silent.

    .venv/bin/python benchmarks/omr_loose.py [--from-drawn] [--json]
    .venv/bin/python benchmarks/omr_loose.py --cost [--repeat 7]

By default each block starts where the reader places it for the drawn template (so every block ends up
at most half a bubble off its print); `--from-drawn` moves the drawn origins instead, which puts some
blocks of the looser sample templates a whole bubble off. `--cost` times the block placement alone on
each sample scan: `follow_print` against the ink search it builds on (`block_offsets`), CPU ms.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

# benchmarks/queue.py would shadow the standard library's `queue` (used by multiprocessing).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from tests.omr.loose import compare_set, sample_sets  # noqa: E402
from tests.omr.shared_samples import SAMPLES_ROOT  # noqa: E402
from worker.omr.pages import load_page  # noqa: E402
from worker.omr.refine import block_offsets, follow_print  # noqa: E402
from worker.omr.sheet import FINE_REACH, LOOSE_REACH, read_sheet  # noqa: E402
from worker.omr.template import load_template  # noqa: E402


def _cpu_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        call()
        times.append(time.process_time() - started)
    return float(np.median(times)) * 1000


def cost(root: Path, repeat: int) -> int:
    """CPU ms per sheet of the block placement: the print fit with the ink search, and the ink search alone."""
    cv2.setNumThreads(1)
    old, new = [], []
    print("| scan | bubbles | ink search ms | follow_print ms |")
    print("|---|---|---|---|")
    for template_path, images in sample_sets(root):
        template = load_template(template_path)
        for image in images:
            sheet = read_sheet(load_page(image), template)
            ink = cv2.bitwise_not(sheet.warped)
            bubble_px = float(np.median(np.maximum(template.bw, template.bh))) * sheet.scale
            old.append(_cpu_ms(partial(block_offsets, ink, template, sheet.scale, 0.6 * bubble_px), repeat))
            new.append(_cpu_ms(partial(follow_print, ink, template, sheet.scale, LOOSE_REACH * bubble_px,
                                       FINE_REACH * bubble_px), repeat))
            print(f"| {image.relative_to(root)} | {len(template.bx)} | {old[-1]:.1f} | {new[-1]:.1f} |")
    print(f"| median of {len(new)} | | {np.median(old):.1f} | {np.median(new):.1f} |")
    print(f"| mean | | {np.mean(old):.1f} | {np.mean(new):.1f} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-drawn", action="store_true", help="move the drawn origins, not the placed blocks")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cost", action="store_true", help="time the block placement instead")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    root = SAMPLES_ROOT / "samples"
    if not root.exists():
        print(f"shared samples not found at {root}", file=sys.stderr)
        return 2
    if args.cost:
        return cost(root, args.repeat)
    rows: list[dict[str, int | str]] = []
    started = time.perf_counter()
    for index, (template, images) in enumerate(sample_sets(root)):
        result = compare_set(index, template, images, root, from_print=not args.from_drawn)
        rows.append({"set": result.template, "images": len(images), "columns": result.columns,
                     "differ": len(result.differences), "silent": len(result.silent), "errors": len(result.errors)})
    total = {key: sum(int(row[key]) for row in rows) for key in ("columns", "differ", "silent", "errors")}
    if args.json:
        print(json.dumps({"sets": rows, "total": total}, indent=2))
        return 0
    print("| set | images | columns | differ | silent | errors |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['set']} | {row['images']} | {row['columns']} | {row['differ']} | {row['silent']} | {row['errors']} |")
    print(f"| total | | {total['columns']} | {total['differ']} | {total['silent']} | {total['errors']} |")
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
