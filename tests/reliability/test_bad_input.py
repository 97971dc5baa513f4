"""The bad-input corpus: careless and hostile command lines against the real program.

Every case asserts the exit code (2: the command cannot run as asked; 1: it ran and failed), exactly one
line on stderr saying what is wrong, and no traceback. The cases that already held before are kept here
so that they keep holding.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from tests.reliability.cli import REPO, Run, scandesk

TEMPLATE = REPO / "resources" / "templates" / "kr_omr_20.json"
NOT_UTF8 = os.fsdecode(b"\xff\xfe")  # as the program receives a job id or file name that is not UTF-8


@dataclass
class Case:
    args: Callable[[Path], list[str]]
    code: int
    says: str  # a piece of the one line on stderr
    db: Callable[[Path], str | None] = lambda tmp: None
    setup: Callable[[Path], None] = lambda tmp: None
    preexec: Callable[[], None] | None = None
    env: dict[str, str] = field(default_factory=dict)


def _deep(levels: int) -> str:
    return '{"texts": ' + "[" * levels + "]" * levels + "}"


def _garbage_store(tmp: Path) -> None:
    (tmp / "home").mkdir()
    (tmp / "home" / "scandesk.db").write_bytes(b"this is not a database\n" * 100)


def _truncated_store(tmp: Path) -> None:
    store = open_store(home=tmp / "made")
    JobQueue(store).enqueue_many([AIJob.new(type="embedding", payload={"texts": [str(i) * 50]}) for i in range(300)])
    store.close()
    data = (tmp / "made" / "scandesk.db").read_bytes()
    (tmp / "home").mkdir()
    (tmp / "home" / "scandesk.db").write_bytes(data[: len(data) // 3])


def _foreign_sqlite(tmp: Path) -> None:
    conn = sqlite3.connect(tmp / "photos.db")
    conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()


def _file_in_the_way(tmp: Path) -> None:
    (tmp / "blocker").write_text("a file where a folder should be")


def _full_disk() -> None:
    """Runs in the child: no file may grow past 64 bytes, as on a disk that is full."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))


def _scan_folder(tmp: Path) -> None:
    from tests.omr.synth import write_set

    write_set(TEMPLATE, tmp / "scans", 1, seed=3)


CASES: dict[str, Case] = {
    # payloads
    "lone surrogate in a payload": Case(
        lambda t: ["enqueue", "ocr", "--payload", '{"image_path": "scans/\\ud800.png"}'], 2, "payload.image_path"),
    "payload nested 15,000 deep": Case(lambda t: ["enqueue", "embedding", "--payload", _deep(15_000)], 2,
                                       "nested too deeply"),
    "payload nested 100 deep": Case(lambda t: ["enqueue", "embedding", "--payload", _deep(100)], 2,
                                    "nested more than 64"),
    "payload not JSON": Case(lambda t: ["enqueue", "ocr", "--payload", "{image_path: x}"], 2, "not valid JSON"),
    "payload not an object": Case(lambda t: ["enqueue", "ocr", "--payload", "[1, 2]"], 2, "must be a JSON object"),
    "payload with NUL": Case(lambda t: ["enqueue", "ocr", "--payload", '{"image_path": "a\\u0000.png"}'], 2,
                             "NUL"),
    "unknown job type": Case(lambda t: ["enqueue", "nope", "--payload", "{}"], 2, "unknown job type"),
    "payload key unknown": Case(lambda t: ["enqueue", "ocr", "--payload", '{"image_path": "a", "x": 1}'], 2,
                                "payload.x"),
    "URL that is not http": Case(lambda t: ["enqueue", "ocr", "--payload", '{"image_url": "file:///etc/passwd"}'],
                                 2, "http or https"),
    "payload text not UTF-8": Case(lambda t: ["enqueue", "ocr", "--payload", '{"image_path": "' + NOT_UTF8 + '"}'],
                                   2, "--payload"),
    "max attempts zero": Case(lambda t: ["enqueue", "ocr", "--payload", '{"image_path": "a"}', "--max-attempts", "0"],
                              2, "--max-attempts"),
    # ids and limits
    "job id not UTF-8": Case(lambda t: ["job", NOT_UTF8], 2, "job id"),
    "retry id not UTF-8": Case(lambda t: ["retry", NOT_UTF8], 2, "job id"),
    "unknown job id": Case(lambda t: ["job", "no-such-job"], 2, "no job"),
    "limit past SQL integers": Case(lambda t: ["jobs", "--limit", "99999999999999999999"], 2, "--limit"),
    "limit zero": Case(lambda t: ["jobs", "--limit", "0"], 2, "--limit"),
    "limit not a number": Case(lambda t: ["jobs", "--limit", "lots"], 2, "whole number"),
    "status unknown": Case(lambda t: ["jobs", "--status", "MAYBE"], 2, "--status"),
    # worker arguments
    "lease nan": Case(lambda t: ["worker", "--once", "--lease", "nan"], 2, "--lease"),
    "lease inf": Case(lambda t: ["worker", "--once", "--lease", "inf"], 2, "--lease"),
    "lease too short": Case(lambda t: ["worker", "--once", "--lease", "1"], 2, "from 5 to 86400"),
    "lease over a day": Case(lambda t: ["worker", "--once", "--lease", "100000"], 2, "--lease"),
    "concurrency unbounded": Case(lambda t: ["worker", "--once", "--concurrency", "100000"], 2, "--concurrency"),
    "concurrency zero": Case(lambda t: ["worker", "--once", "--concurrency", "0"], 2, "--concurrency"),
    "idle exit negative": Case(lambda t: ["worker", "--idle-exit", "-1"], 2, "--idle-exit"),
    "idle exit nan": Case(lambda t: ["worker", "--idle-exit", "nan"], 2, "--idle-exit"),
    "max jobs zero": Case(lambda t: ["worker", "--remote", "--max-jobs", "0"], 2, "--max-jobs"),
    "handler spec wrong": Case(lambda t: ["worker", "--once", "--handler", "ocr"], 2, "--handler"),
    "sync processes zero": Case(lambda t: ["sync", "--processes", "0"], 2, "--processes"),
    "sync processes unbounded": Case(lambda t: ["sync", "--processes", "5000"], 2, "--processes"),
    # stores
    "db sqlite in memory": Case(lambda t: ["jobs"], 2, "in-memory", db=lambda t: "sqlite://"),
    "db mysql": Case(lambda t: ["jobs"], 2, "mysql databases are not supported",
                     db=lambda t: "mysql://user:secret@localhost/desk"),
    "db not a URL": Case(lambda t: ["jobs"], 2, "not a database URL", db=lambda t: "not a url at all"),
    "db names a system file": Case(lambda t: ["jobs"], 2, "is not a SQLite database",
                                   db=lambda t: "sqlite:////etc/passwd"),
    "db names a folder": Case(lambda t: ["jobs"], 2, "is a folder", db=lambda t: f"sqlite:///{t}"),
    "db is another program's database": Case(lambda t: ["jobs"], 2, "another program",
                                             db=lambda t: f"sqlite:///{t / 'photos.db'}", setup=_foreign_sqlite),
    "store file not a database": Case(lambda t: ["jobs"], 2, "is not a SQLite database", setup=_garbage_store),
    "store file truncated": Case(lambda t: ["jobs"], 2, "malformed", setup=_truncated_store),
    "data folder under a file": Case(lambda t: ["--home", str(t / "blocker" / "home"), "jobs"], 2,
                                     "cannot create the data folder", setup=_file_in_the_way),
    # outputs, checked before any page is read
    "csv into a missing folder": Case(
        lambda t: ["omr", str(t / "scans"), "--template", str(TEMPLATE), "--csv", str(t / "nope" / "out.csv")],
        2, "does not exist", setup=_scan_folder),
    "xlsx onto a folder": Case(
        lambda t: ["omr", str(t / "scans"), "--template", str(TEMPLATE), "--xlsx", str(t / "scans")],
        2, "is a folder", setup=_scan_folder),
    "annotate under a file": Case(
        lambda t: ["omr", str(t / "scans"), "--template", str(TEMPLATE), "--annotate", str(t / "blocker" / "x")],
        2, "is a file, not a folder", setup=lambda t: (_scan_folder(t), _file_in_the_way(t))),
    # A path that is not there is named and the others are read; with none left, nothing was read: 1.
    "omr path missing": Case(lambda t: ["omr", str(t / "missing"), "--template", str(TEMPLATE)], 1,
                             "file or folder not found"),
    "omr template missing": Case(lambda t: ["omr", str(t), "--template", str(t / "none.json")], 2, "none.json"),
    "render into a missing folder": Case(
        lambda t: ["template", "render", str(TEMPLATE), str(t / "nope" / "card.pdf")], 2, "does not exist"),
    "render dpi absurd": Case(lambda t: ["template", "render", str(TEMPLATE), str(t / "c.pdf"), "--dpi", "5"], 2,
                              "--dpi"),
    # settings
    "config set on a full disk": Case(lambda t: ["config", "set", "api_url", "https://api.academy.example/v1"], 1,
                                      "settings.json", preexec=_full_disk),
    "config set unknown key": Case(lambda t: ["config", "set", "colour", "blue"], 2, "unknown setting"),
    "config set negative concurrency": Case(lambda t: ["config", "set", "concurrency", "-3"], 2, "concurrency"),
    "config set api url not http": Case(lambda t: ["config", "set", "api_url", "ftp://x"], 2, "api_url"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_one_line_and_the_exit_code(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    case.setup(tmp_path)
    run = scandesk(tmp_path / "home", *case.args(tmp_path), db=case.db(tmp_path), preexec=case.preexec, env=case.env)
    _assert_one_line(run, case.code, case.says)


def _assert_one_line(run: Run, code: int, says: str) -> None:
    assert "Traceback" not in run.err, run.err
    assert run.code == code, run.err
    assert len(run.err_lines) == 1, run.err
    assert says in run.err, run.err


def test_a_sqlite_url_never_creates_files_beside_a_foreign_file(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("the teacher's notes\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    _assert_one_line(scandesk(tmp_path / "home", "jobs", db=f"sqlite:///{target}"), 2, "is not a SQLite database")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == before
    assert target.read_text() == "the teacher's notes\n"
    assert not Path("/etc/passwd.writelock").exists()


def test_outputs_are_checked_before_anything_is_read_or_stored(tmp_path: Path) -> None:
    _scan_folder(tmp_path)
    home = tmp_path / "home"
    run = scandesk(home, "omr", str(tmp_path / "scans"), "--template", str(TEMPLATE), "--csv", "/proc/no/x.csv")
    _assert_one_line(run, 2, "--csv")
    assert not (home / "scandesk.db").exists(), "no job may be stored for a run that cannot write its results"


def test_a_read_only_data_folder_is_one_line(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        home = tmp_path / "home"
        home.mkdir()
        home.chmod(0o500)
        try:
            _assert_one_line(scandesk(home, "jobs"), 2, "cannot")
        finally:
            home.chmod(0o700)
    elif Path("/sys/kernel").is_dir():
        # Root writes into any folder a mode bit forbids; sysfs refuses even root.
        _assert_one_line(scandesk(Path("/sys/kernel"), "jobs"), 2, "cannot create the data folder /sys/kernel/data")
    else:
        pytest.skip("root without sysfs: no folder that refuses root")


def test_a_stored_text_that_slipped_past_the_door_is_printed_escaped(tmp_path: Path) -> None:
    """Rows written before texts were checked at the door: listing them must not crash halfway."""
    home = tmp_path / "home"
    store = open_store(home=home)
    [job_id] = JobQueue(store).enqueue_many([AIJob.new(type="ocr", payload={"image_path": "scans/x.png"})])
    store.close()
    conn = sqlite3.connect(home / "scandesk.db")
    conn.execute("UPDATE jobs SET payload = ?, last_error = ? WHERE job_id = ?",
                 ('{"image_path": "scans/\\ud800.png"}', "cannot open scans/\\ud800.png", job_id))
    conn.commit()
    conn.close()
    for args in (["jobs", "--json"], ["job", job_id], ["job", job_id, "--json"], ["jobs"]):
        run = scandesk(home, *args)
        assert run.code == 0 and run.err == "", run.err
        assert job_id in run.out
    # The surrogate went out as a JSON escape, so the listing reads back as it was stored.
    listed = json.loads(scandesk(home, "jobs", "--json").out)
    assert listed[0]["job"]["payload"]["image_path"] == "scans/\ud800.png"


def test_a_file_name_that_is_not_utf8_is_named_and_the_others_are_read(tmp_path: Path) -> None:
    _scan_folder(tmp_path)
    scans = tmp_path / "scans"
    [good] = sorted(scans.glob("*.png")) or sorted(scans.iterdir())
    bad = Path(os.fsdecode(bytes(scans) + b"/\xff\xfe-card.png"))
    bad.write_bytes(good.read_bytes())
    run = scandesk(tmp_path / "home", "omr", str(scans), "--template", str(TEMPLATE), "--csv", str(tmp_path / "o.csv"))
    assert "Traceback" not in run.err, run.err
    assert run.code == 0, run.err
    assert "\\xff\\xfe-card.png: the name is not valid UTF-8" in run.err
    assert "1 page(s) read" in run.err
    assert good.name in (tmp_path / "o.csv").read_text()


def test_symlinks_out_of_a_scanned_folder_are_not_followed(tmp_path: Path) -> None:
    _scan_folder(tmp_path)
    scans = tmp_path / "scans"
    outside = tmp_path / "private"
    outside.mkdir()
    [good] = sorted(scans.iterdir())
    (outside / "secret.png").write_bytes(good.read_bytes())
    (scans / "link.png").symlink_to(outside / "secret.png")
    (scans / "linked-folder").symlink_to(outside, target_is_directory=True)
    home = tmp_path / "home"
    run = scandesk(home, "omr", str(scans), "--template", str(TEMPLATE))
    assert run.code == 0, run.err
    assert "link.png: a link to a file outside the folder (not followed)" in run.err
    assert "linked-folder: a link to a folder (not followed)" in run.err
    store = open_store(home=home)
    paths = [v.payload["image_path"] for v in JobQueue(store).list_jobs()]
    store.close()
    assert paths == [str(good.resolve())]
