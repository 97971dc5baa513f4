"""OMR decisions on classroom marks: cards drawn apart from the product (tests/omr/cardgen.py).

    .venv/bin/python benchmarks/omr_classroom.py [--sheets 120] [--seed 7] [--questions 45] [--mix default]

Pen and pencil fills, faint and partial fills, erased earlier choices on other bubbles, deliberate clean
blanks and stray pencil lines, on 150-200 dpi JPEGs at quality 35-85 with skew and shading. Reports silent
errors (wrong and unflagged; target 0), false alarms (read right yet flagged; target <= 1 % of answers),
strict accuracy (read right and unflagged, a flagged answer counting as not read; target >= 99.9 %), and
how many of the questions that need a person (two marks, an answer erased to a blank) were flagged.
`--mix review` adds those (1 % each) to the default mix.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

# benchmarks/queue.py would shadow the standard library's `queue` (used by multiprocessing).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.omr.cardgen import Mix  # noqa: E402
from tests.omr.classroom import evaluate_parallel  # noqa: E402

MIXES = {"default": Mix(), "review": Mix(double=0.01, erased_blank=0.01)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--questions", type=int, choices=(20, 30, 45), default=45)
    parser.add_argument("--mix", choices=sorted(MIXES), default="default")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tally = evaluate_parallel(args.questions, args.sheets, seed=args.seed, processes=args.processes,
                              mix=MIXES[args.mix])
    report = {"card": f"kr_omr_{args.questions}", "mix": args.mix, **tally.report(),
              "seconds": round(time.perf_counter() - start, 1), "examples": tally.examples[:12]}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
