"""Loose templates: how many column readings change when every block of each shared OMRChecker sample's
template is moved by up to half a bubble (tests/omr/loose.py), and how many of those are silent.

    .venv/bin/python benchmarks/omr_loose.py [--from-drawn] [--json]

By default each block starts where the reader places it for the drawn template (so every block ends up
at most half a bubble off its print); `--from-drawn` moves the drawn origins instead, which puts some
blocks of the looser sample templates a whole bubble off.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

# benchmarks/queue.py would shadow the standard library's `queue` (used by multiprocessing).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.omr.loose import compare_set, sample_sets  # noqa: E402
from tests.omr.shared_samples import SAMPLES_ROOT  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-drawn", action="store_true", help="move the drawn origins, not the placed blocks")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    root = SAMPLES_ROOT / "samples"
    if not root.exists():
        print(f"shared samples not found at {root}", file=sys.stderr)
        return 2
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
