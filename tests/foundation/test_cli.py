"""The headless CLI as a user types it: output, exit codes, one-line errors, no Qt on headless paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def scandesk(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_a_job_the_desk_cannot_run_is_listed_as_waiting_for_the_cloud():
    job_id = scandesk("enqueue", "embedding", "--payload", '{"texts": ["a"]}', check=True).stdout.strip()
    assert f"{job_id}  embedding               CLOUD" in scandesk("jobs", check=True).stdout
    proc = scandesk("run", "ocr", "--payload", '{"image_path": "a.png", "engine": "google"}')
    assert proc.returncode == 3 and "Google Vision" in json.loads(proc.stdout)["reason"]


def test_enqueue_prints_the_id_and_jobs_lists_it():
    job_id = scandesk("enqueue", "ocr", "--payload", '{"image_path": "/scans/a.png"}', check=True).stdout.strip()
    listing = scandesk("jobs", check=True).stdout
    assert job_id in listing and "PENDING" in listing
    data = json.loads(scandesk("jobs", "--status", "pending", "--json", check=True).stdout)
    assert [d["job"]["id"] for d in data] == [job_id]
    one = json.loads(scandesk("job", job_id, "--json", check=True).stdout)
    assert one["job"]["payload"] == {"image_path": "/scans/a.png"} and one["events"][0]["kind"] == "enqueued"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["enqueue", "ocrx", "--payload", "{}"], "type: unknown job type 'ocrx'"),
        (["enqueue", "ocr", "--payload", "{"], "--payload is not valid JSON"),
        (["enqueue", "ocr", "--payload", "[]"], "--payload must be a JSON object"),
        (["enqueue", "ocr", "--payload", '{"image_path": ""}'], "payload.image_path"),
        (["enqueue", "ocr", "--payload", '{"image_path": "a", "engine": "x"}'], "payload.engine"),
        (["run", "embedding", "--payload", '{"texts": 1}'], "payload.texts"),
        (["job", "no-such-job"], "no job no-such-job"),
        (["retry", "no-such-job"], "no job no-such-job"),
        (["jobs", "--status", "LOST"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        (["worker", "--concurrency", "0"], "argument --concurrency: must be from 1 to"),
        (["--db", "nonsense", "jobs"], "'nonsense' is not a database URL"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message):
    proc = scandesk(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr


def test_run_prints_the_result_and_exits_1_when_failed(tmp_path):
    ok = scandesk("worker", "--help", check=True)
    assert "--idle-exit" in ok.stdout
    proc = scandesk("run", "handwriting_analysis", "--payload", json.dumps({"image_path": str(tmp_path / "missing.png")}))
    result = json.loads(proc.stdout)
    assert proc.returncode == 1 and result["status"] == "FAILED" and result["error"]


def test_retry_and_discard_only_failed_jobs(tmp_path):
    proc = scandesk("run", "handwriting_analysis", "--payload", json.dumps({"image_path": str(tmp_path / "nope.png")}))
    job_id = json.loads(proc.stdout)["job_id"]
    assert scandesk("retry", job_id, check=True).stdout.strip().endswith("will run again")
    again = scandesk("discard", job_id)
    assert again.returncode == 2 and "only FAILED" in again.stderr
    scandesk("worker", "--once", "--mode", "thread", "--quiet", check=True)
    assert "discarded" in scandesk("discard", job_id, check=True).stdout
    assert job_id not in scandesk("jobs", check=True).stdout


def test_worker_once_processes_what_is_runnable(_private_home):
    # With an embedding backend configured, embedding jobs run on the desk (else they wait for the cloud).
    (_private_home / "config").mkdir(parents=True)
    (_private_home / "config" / "settings.json").write_text(json.dumps({"openai_base_url": "http://127.0.0.1:9/v1"}))
    ids = [
        scandesk("enqueue", "embedding", "--payload", json.dumps({"texts": ["echo"]}), check=True).stdout.strip()
        for _ in range(3)
    ]
    out = scandesk("worker", "--once", "--mode", "thread", "--handler", "embedding=tests.support.handlers:scripted", check=True)
    assert sum(" embedding done in " in line for line in out.stdout.splitlines()) == 3
    for job_id in ids:
        assert '"status": "DONE"' in scandesk("job", job_id, "--json", check=True).stdout


def test_headless_commands_do_not_import_qt():
    code = (
        "import sys, desktop.cli.main as c; c.build_parser(); "
        "import desktop.cli.jobs, worker.loop, core.queue; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), sorted(m for m in sys.modules if 'PySide' in m)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_an_unreachable_database_is_one_line_and_exit_1():
    proc = scandesk("--db", "postgresql://nobody:x@127.0.0.1:9/none", "jobs")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("scandesk: cannot use the database:"), proc.stderr


def test_command_start_and_pool_children_load_only_what_they_use():
    """A pool child is spawned and runs the program's script again: `desktop.entry` alone loads none of the
    CLI. A command's start loads neither the OMR reader (OpenCV) nor the HTTP client."""
    code = (
        "import sys, desktop.entry; "
        "cli = sorted(m for m in sys.modules if m.startswith(('desktop.cli', 'desktop.services', 'sqlalchemy'))); "
        "assert not cli, cli; "
        "import desktop.cli.main as c; c.build_parser(); "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('cv2', 'httpx')); assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
