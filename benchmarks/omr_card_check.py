"""The card check (worker/omr/fit.py): every bundled and shared template against every page of every
card, a question paper and an empty page. Counts the pages of other cards read as students (must be 0)
and the pages of the right card refused (must be 0), and shows the score margin between the two.

    .venv/bin/python benchmarks/omr_card_check.py

The pages are those of tests/omr/test_wrong_card.py (tests/omr/other_pages.py). Sample sets that print
one card (sample2 and both answer-key sets; sample3's two papers) count as one card.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

# benchmarks/queue.py would shadow the standard library's `queue` (used by multiprocessing).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    sys.path.insert(0, str(REPO))

    import worker.omr.fit as fit
    from tests.omr.other_pages import card_pages, card_templates, same_card
    from worker.errors import BadInput
    from worker.omr.pages import load_page
    from worker.omr.sheet import read_sheet
    from worker.omr.template import load_template

    scores: list[float] = []
    if hasattr(fit, "card_match"):  # the score of every match tried; the page's is the best of its tries
        real = fit.card_match

        def recording(*call: object, **options: object) -> object:
            match = real(*call, **options)  # type: ignore[arg-type]
            scores.append(match.score)
            return match

        fit.card_match = recording  # type: ignore[assignment]

    templates = card_templates()
    pages = card_pages(Path(tempfile.mkdtemp(prefix="card-check-")))
    other_read: list[str] = []
    own_refused: list[str] = []
    own_scores: list[float] = []
    other_scores: list[float] = []
    pairs = 0
    for name, path in templates.items():
        template = load_template(path)
        for owner, image in pages:
            pairs += 1
            scores.clear()
            try:
                read_sheet(load_page(image), template)
                refused = False
            except BadInput:
                refused = True
            mine = owner == same_card(name)
            if scores:
                (own_scores if mine else other_scores).append(max(scores))
            if mine and refused:
                own_refused.append(f"{name}: {image.name}")
            if not mine and not refused:
                other_read.append(f"{name}: {owner} {image.name}")
    print(f"{len(templates)} templates x {len(pages)} pages = {pairs} reads")
    print(f"pages of another card read as a student: {len(other_read)}")
    print(f"pages of the right card refused: {len(own_refused)}")
    if own_scores and other_scores:
        print(f"card check score (OMRChecker templates): right card {min(own_scores):.2f}-{max(own_scores):.2f}, "
              f"other cards {min(other_scores):.2f}-{max(other_scores):.2f}")
    for line in (other_read + own_refused)[:20]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
