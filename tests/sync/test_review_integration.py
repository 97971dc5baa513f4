"""End to end over real HTTP: flagged answer cards held until reviewed, then posted with the teacher's
values; late corrections posted once; under 20% drops, 10% 500s, an outage and a SIGKILL mid-sync.

The desk's sync runs as the real `scandesk sync` process; the review is the review service the CLI and
the GUI use. Answer cards are read once by the real omr handler; further sheets are copies of those
reads under new jobs, so the test has enough rows to kill a sync in the middle of.
"""

from __future__ import annotations

import copy
import signal
from pathlib import Path

import pytest

from core.contracts import AIJob
from core.exams import create_exam
from core.queue import JobQueue
from core.store import open_store
from desktop.services.intake import import_paths
from desktop.services.review import confirm_sheet, correct
from tests.central_api.fixtures import StandIn
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import KEY, all_right
from tests.sync.test_integration import desk, desk_env, outbox_counts, wait_for
from worker.loop import WorkerConfig, run_jobs

pytestmark = pytest.mark.slow

COPIES = 60  # of each kind of sheet
LATE = 10  # clean sheets corrected after their result was posted


def _read_cards(queue: JobQueue, folder: Path) -> dict[str, str]:
    """The real reader on one messy card (q2 blank, q3 double, q4 faint) and one clean card."""
    key = folder / "key.csv"
    key.write_text("question,answer\n" + "".join(f"{q[1:]},{a}\n" for q, a in KEY.items()), encoding="utf-8")
    exam = create_exam(queue.store, "중간고사", T20, key)
    write_png(folder / "messy.png", card(all_right(q1="2", q2="", q3="24"), student_id="10000002", faint=["q4"]))
    write_png(folder / "clean.png", card(all_right(), student_id="10000001"))
    report = import_paths(queue, [folder / "messy.png", folder / "clean.png"], exam=exam)
    run_jobs(queue, report.job_ids, config=WorkerConfig(mode="thread", concurrency=2, data_dir=queue.store.data_dir))
    return {p.source_path.stem: p.job_id for p in report.pages}


def _copies(queue: JobQueue, original: str, n: int, first_source: int) -> list[str]:
    view = queue.get(original)
    assert view is not None and view.result is not None
    new = [AIJob.new(type="omr", payload=dict(view.payload), source_domain="submissions",
                     source_id=str(first_source + i)) for i in range(n)]
    queue.enqueue_many(new)
    claimed = {c.job_id: c for c in queue.claim_many("desk-copy", n)}
    queue.complete_many([(job.id, claimed[job.id].lease_token, copy.deepcopy(view.result)) for job in new])
    return [job.id for job in new]


def test_reviewed_sheets_and_late_corrections_reach_the_central_api_once(stand_in: StandIn, tmp_path: Path) -> None:
    home = tmp_path / "desk"
    env = desk_env(home, stand_in, "desk-review")
    store = open_store(home=home)
    queue = JobQueue(store)
    read = _read_cards(queue, tmp_path)
    flagged = [read["messy"], *_copies(queue, read["messy"], COPIES, 1000)]
    clean = [read["clean"], *_copies(queue, read["clean"], COPIES, 2000)]
    total = len(flagged) + len(clean)
    open_flags = queue.get(read["messy"]).result["flags"]  # q3 (double mark) and q4 (faint) at least
    assert {"q3", "q4"} <= set(open_flags)

    # 1. Sync under faults: the clean sheets go, the flagged ones wait for the teacher.
    stand_in.set_faults(drop=0.2, error500=0.1, seed=31)
    first = desk(["sync"], env, tmp_path / "sync1.log")
    assert first.wait(timeout=240) == 0, (tmp_path / "sync1.log").read_text()
    assert "held for review (not counted as unsent" in (tmp_path / "sync1.log").read_text()
    assert set(stand_in.results()) == set(clean)
    assert outbox_counts(home)["held"] == len(flagged)
    # Held rows wait for the teacher, not the network: nothing sendable is left.
    stand_in.clear_faults()
    once = desk(["sync", "--once"], env, tmp_path / "once.log")
    assert once.wait(timeout=120) == 0, (tmp_path / "once.log").read_text()
    assert f"{len(flagged)} held for review" in (tmp_path / "once.log").read_text()

    # 2. The teacher reviews: half the flagged sheets get q3 corrected (the rest confirmed), half are
    # confirmed as read; some clean sheets already posted are corrected late.
    corrected = flagged[::2]
    for job_id in flagged:
        if job_id in corrected:
            correct(queue, job_id, "q3", "3")
        confirm_sheet(queue, job_id)
    late = clean[:LATE]
    for job_id in late:
        correct(queue, job_id, "q1", "2")
    assert outbox_counts(home)["held"] == 0
    store.close()

    # 3. Sync again under faults, killed mid-way, then again through an outage.
    stand_in.set_faults(drop=0.2, error500=0.1, slow_ms=20, seed=32)
    second = desk(["sync", "--quiet"], env, tmp_path / "sync2.log")
    try:
        wait_for(lambda: stand_in.counters()["results"] >= len(clean) + 10, 120, "some reviewed results")
        second.send_signal(signal.SIGKILL)
        second.wait(timeout=10)
    finally:
        second.kill()
    assert second.returncode == -signal.SIGKILL
    before = stand_in.counters()
    assert before["results"] < total or before["corrections"] < LATE, "killed too late to test anything"
    stand_in.set_faults(drop=0.2, error500=0.1, down_for_s=2.0, seed=33)
    third = desk(["sync", "--quiet"], env, tmp_path / "sync3.log")
    assert third.wait(timeout=240) == 0, (tmp_path / "sync3.log").read_text()

    counts = stand_in.counters()
    assert counts["registered"] == counts["results"] == counts["results_done"] == counts["result_rows"] == total
    assert counts["grading"] == counts["graded_jobs"] == total and counts["grading_conflicts"] == 0
    assert counts["corrections"] == counts["corrected_jobs"] == counts["regrades"] == LATE
    assert counts["correction_conflicts"] == 0
    assert counts["faults"].get("drop_after", 0) > 0 and counts["faults"].get("error500_after", 0) > 0
    central = stand_in.results()
    for job_id in flagged:  # posted once, already reviewed: nothing replaced it
        posted = central[job_id]
        assert posted["history"] == []
        review = posted["result"]["review"]
        assert posted["result"]["flags"] == [] and review["reviewed_at"]
        if job_id in corrected:
            assert posted["result"]["fields"]["q3"]["value"] == "3" and posted["result"]["score"] == 18.0
            assert [(c["field"], c["from"], c["to"]) for c in review["corrections"]] == [("q3", "24", "3")]
            assert sorted(review["confirmed"]) == sorted(f for f in open_flags if f != "q3")
        else:
            assert posted["result"]["fields"]["q3"]["value"] == "24" and posted["result"]["score"] == 17.0
            assert review["corrections"] == [] and sorted(review["confirmed"]) == sorted(open_flags)
    for job_id in late:  # the worker's read first, the corrected one in force
        assert len(central[job_id]["history"]) == 1 and central[job_id]["history"][0]["fields"]["q1"]["value"] == "1"
        assert central[job_id]["result"]["fields"]["q1"]["value"] == "2"
        assert central[job_id]["result"]["score"] == 19.0
    for job_id in clean[LATE:]:
        assert central[job_id]["history"] == [] and "review" not in central[job_id]["result"]
    assert outbox_counts(home) == {"pending": 0, "held": 0, "waiting": 0, "sent": total, "dead": 0}
