"""`scandesk review list/set/confirm` and `sync --status/--release` over a read exam, in-process."""

from __future__ import annotations

import json

import pytest

from core.queue import JobQueue
from core.queue.outbox_rows import OutboxState
from core.sync.review_outbox import outbox_state
from desktop.cli import main as cli_main
from tests.desk.conftest import ReadExam


def run(db_url: str, *args: str) -> int:
    return cli_main.main(["--db", db_url, *args])


def test_review_list_set_confirm(queue: JobQueue, read_exam: ReadExam, db_url: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    messy = read_exam.jobs["messy"]
    assert run(db_url, "review", "list", "--json", "--exam", read_exam.exam.name) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(i["job_id"], i["file"], i["field"], i["value"], i["reasons"]) for i in listed] == [
        (messy, "messy.png", "q2", "", ["blank", "erasure"]),
        (messy, "messy.png", "q3", "24", ["multi"]),
        (messy, "messy.png", "q4", "4", ["low_confidence"]),
    ]
    assert run(db_url, "sync", "--status") == 0
    assert "held     1  (waiting for review" in capsys.readouterr().out

    assert run(db_url, "review", "set", messy, "q3", "3") == 0
    assert "2 reads still to review: q2, q4" in capsys.readouterr().out
    assert outbox_state(queue.store, messy) == OutboxState.HELD
    assert run(db_url, "review", "confirm", messy) == 0  # every open flag
    assert capsys.readouterr().out.strip() == f"{messy}: reviewed; queued for sync; score 18/20"
    assert outbox_state(queue.store, messy) == OutboxState.PENDING
    assert run(db_url, "review", "list") == 0
    assert capsys.readouterr().out.strip() == "0 reads on 0 sheets wait for review"


@pytest.mark.parametrize(("args", "message"), [
    (["set", "no-such-job", "q1", "1"], "no job no-such-job"),
    (["set", "{messy}", "q99", "1"], "'q99' is not a field of this sheet"),
    (["set", "{messy}", "q1", "7"], "'7' is not an answer on this card"),
    (["confirm", "{messy}", "q1", "nope"], "'nope' is not a field of this sheet"),
    (["list", "--exam", "기말고사"], "--exam '기말고사': no such exam"),
])
def test_review_bad_input_is_one_line_and_exit_2(read_exam: ReadExam, db_url: str, args: list[str], message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.format(messy=read_exam.jobs["messy"]) for a in args]
    assert run(db_url, "review", *args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err


def test_sync_release_sends_held_sheets_unreviewed(queue: JobQueue, read_exam: ReadExam, db_url: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_url, "sync", "--release", read_exam.jobs["perfect"]) == 2
    assert "is not held for review" in capsys.readouterr().err
    assert run(db_url, "sync", "--all-held") == 0
    assert capsys.readouterr().out.startswith("1 held sheets released unreviewed")
    assert outbox_state(queue.store, read_exam.jobs["messy"]) == OutboxState.PENDING
