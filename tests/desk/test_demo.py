"""The demo exam: drawn cards that read back as drawn, with the blanks, double marks and light marks
flagged for review; made twice, nothing is queued twice; `scandesk demo --open` hands over to the app."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from core.queue import JobQueue, JobView
from core.store import Store
from desktop.cli.main import main as cli_main
from desktop.services.demo import DEMO_EXAM, make_demo, plan_cards
from desktop.services.results import exam_results


def test_the_plan_has_each_kind_of_trouble() -> None:
    key, cards = plan_cards(30)
    assert len(key) == 20 and len(cards) == 30 and len({c.student_id for c in cards}) == 30
    assert sum(1 for c in cards if "" in c.answers.values()) == 3
    assert sum(1 for c in cards if any(len(v) == 2 for v in c.answers.values())) == 3
    assert sum(1 for c in cards if c.light) == 3


def test_demo_cards_read_back_as_drawn(queue: JobQueue, store: Store, tmp_path: Path,
                                       run: Callable[[JobQueue, Sequence[str]], list[JobView]]) -> None:
    demo = make_demo(queue, tmp_path / "home", count=12)
    assert demo.exam.name == DEMO_EXAM and len(demo.report.job_ids) == 12
    assert (tmp_path / "home" / "demo" / "scans").is_dir() and demo.key.is_file()
    truth = {c.file: c for c in demo.cards}
    for view in run(queue, demo.report.job_ids):
        assert view.status == "DONE", view.last_error
        result = view.result or {}
        card = truth[result["file"]]
        values = {name: column["value"] for name, column in result["fields"].items()}
        assert values["student_id"] == card.student_id
        assert {q: values[q] for q in card.answers if q not in card.light} == {
            q: v for q, v in card.answers.items() if q not in card.light}
        # Double marks and light marks go to review; a clean blank may (it is a value like any other).
        must = {q for q, v in card.answers.items() if len(v) == 2} | set(card.light)
        may = must | {q for q, v in card.answers.items() if not v}
        assert must <= set(result["flags"]) <= may, card
    scores = [s.score for s in exam_results(queue, demo.exam.id).students]
    assert len(scores) == 12 and max(scores) <= 100 and len(set(scores)) > 3

    again = make_demo(queue, tmp_path / "home", count=12)
    assert again.exam.id == demo.exam.id and again.report.job_ids == () and len(again.report.duplicates) == 12


def test_scandesk_demo_open_hands_the_exam_to_the_app(tmp_path: Path, capsys: object) -> None:
    opened: list[argparse.Namespace] = []
    home = tmp_path / "desk"
    code = cli_main(["--home", str(home), "demo", "--cards", "2", "--open"], run_gui=lambda a: opened.append(a) or 0)
    assert code == 0 and len(opened) == 1 and opened[0].exam_id
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "2 cards queued" in out and DEMO_EXAM in out
    code = cli_main(["--home", str(home), "demo", "--cards", "0"], run_gui=lambda a: opened.append(a) or 0)
    assert code == 2 and len(opened) == 1
