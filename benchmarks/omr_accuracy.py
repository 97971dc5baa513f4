"""OMR accuracy on synthetic scans (tests/omr/synth.py), larger than the CI test's set.

    .venv/bin/python benchmarks/omr_accuracy.py [--sheets 1000] [--seed 1] [--hard] [--template T.json]

Reports question accuracy, silent errors (wrong and unflagged: the target is zero), the share of
questions flagged for review, student-id exact rate and rejected sheets.
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


def main(argv: list[str] | None = None) -> int:
    from tests.omr.accuracy import evaluate_parallel

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--hard", action="store_true", help="phone-like: stronger perspective, skew, noise")
    parser.add_argument("--template", default=str(REPO / "resources" / "templates" / "kr_omr_45.json"))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tally = evaluate_parallel(args.template, args.sheets, seed=args.seed, processes=args.processes, hard=args.hard)
    report = {
        "template": Path(args.template).name,
        "kind": "hard" if args.hard else "ordinary",
        "sheets": tally.sheets,
        "rejected": tally.rejected,
        "questions": tally.questions,
        "question_accuracy": round(tally.accuracy, 5),
        "silent_errors": tally.silent,
        "flagged_share": round(tally.flagged / max(1, tally.questions), 4),
        "student_id_exact": round(tally.sid_rate, 4),
        "seconds": round(time.perf_counter() - start, 1),
        "examples": tally.examples[:10],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
