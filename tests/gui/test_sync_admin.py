"""Sync screen against the stand-in central API (offline, then online, and a row the server refuses);
admin screen against moto's EC2 (hidden without admin mode; Start asks first, then starts)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.contracts import AIJob
from desktop.gui.changes import ChangeBus
from desktop.gui.screens.admin_screen import AdminScreen
from desktop.gui.screens.sync_screen import SyncScreen
from desktop.services import sync_stack
from tests.central_api.fixtures import stand_in  # noqa: F401  (pytest fixture)
from tests.gui.conftest import bulk_insert_jobs

REGION = "ap-northeast-2"


def _finish_jobs(ctx: Any, n: int) -> list[str]:
    queue = ctx.queue
    ids = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["hello"]}) for _ in range(n)])
    for claimed in queue.claim_many("w", n):
        queue.complete(claimed.job_id, claimed.lease_token, {"vectors": [[0.1, 0.2]]})
    return ids


def test_sync_state_after_a_stand_in_run(qtbot: Any, desk_ctx: Any, stand_in: Any) -> None:  # noqa: F811
    good = _finish_jobs(desk_ctx, 3)
    # A job id the central API refuses (not a UUID): its row must end up failed with the server's message.
    [bad] = bulk_insert_jobs(desk_ctx.store, 1, ids=["desk-not-a-uuid"])
    claimed = desk_ctx.queue.claim("w")
    assert claimed.job_id == bad
    desk_ctx.queue.complete(bad, claimed.lease_token, {"vectors": []})

    screen = SyncScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.api_url.setText(stand_in.base_url)
    screen.token.setText(stand_in.token)
    screen.save_connection()
    assert desk_ctx.settings.api_url == stand_in.base_url
    assert sync_stack.current_token() == stand_in.token
    assert screen.token.text() == ""  # never left in the widget

    stand_in.set_faults(error500=1.0)
    screen.send_now()
    qtbot.waitUntil(lambda: screen.last_report is not None and not screen._sending, timeout=30_000)
    assert screen.online is False
    assert "Offline" in screen.online_label.text()
    qtbot.waitUntil(lambda: screen.state is not None and screen.state.counts["pending"] == 4, timeout=10_000)

    stand_in.clear_faults()
    screen.last_report = None
    screen.send_now()
    qtbot.waitUntil(lambda: screen.last_report is not None and not screen._sending, timeout=30_000)
    assert screen.online is True
    assert "Online" in screen.online_label.text()
    qtbot.waitUntil(lambda: screen.state is not None and screen.state.counts["sent"] == 3, timeout=10_000)
    state = screen.state
    assert state.counts["dead"] == 1 and state.counts["pending"] == 0
    [problem] = [r for r in state.problems if r.state == "dead"]
    assert problem.job_id == bad and "UUID" in problem.message
    texts = {screen.problems_model.data(screen.problems_model.index(r, 4))
             for r in range(screen.problems_model.rowCount())}
    assert any("UUID" in t for t in texts)
    assert screen.count_labels["sent"].text() == "3"
    central = {job["job_id"]: job for job in stand_in.jobs()}
    assert set(central) == set(good) and all(job["result_status"] == "DONE" for job in central.values())
    screen.shutdown()


@pytest.fixture
def ec2_instance(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    import boto3
    from moto import mock_aws

    (tmp_path / "aws_config").write_text("")
    (tmp_path / "aws_credentials").write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws_config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws_credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        ec2 = boto3.client("ec2", region_name=REGION)
        instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="g4dn.xlarge")
        instance_id = instance["Instances"][0]["InstanceId"]
        ec2.stop_instances(InstanceIds=[instance_id])
        yield instance_id


def test_admin_tab_only_in_admin_mode(main_window: Any) -> None:
    tabs = main_window.tabs
    assert not tabs.isTabVisible(tabs.indexOf(main_window.admin_screen))
    main_window.settings_screen.admin_mode.setChecked(True)
    assert main_window.settings_screen.save()
    assert tabs.isTabVisible(tabs.indexOf(main_window.admin_screen))


def test_admin_start_asks_then_starts_the_stopped_instance(qtbot: Any, desk_ctx: Any, ec2_instance: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    desk_ctx.settings = desk_ctx.settings.replace(admin_mode=True, cloud_region=REGION, cloud_instance_id=ec2_instance)
    screen = AdminScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.last_status is not None, timeout=20_000)
    assert screen.last_status.state == "stopped"

    asked: list[bool] = []
    monkeypatch.setattr(screen, "confirm_start", lambda: asked.append(False) or False)
    screen.ask_start()  # the admin says no: nothing happens
    assert asked == [False] and screen.last_outcome is None
    qtbot.wait(100)

    monkeypatch.setattr(screen, "confirm_start", lambda: True)
    screen.ask_start()
    qtbot.waitUntil(lambda: screen.last_outcome is not None, timeout=20_000)
    outcome = screen.last_outcome
    assert outcome.started and outcome.before == "stopped"
    assert outcome.after in ("pending", "running")
    assert ec2_instance in screen.message.text()



def test_send_now_backs_off_as_the_sync_retry_settings_say(qtbot: Any, desk_ctx: Any, stand_in: Any) -> None:  # noqa: F811
    """The Sync screen's sender is built by the same sync stack as `scandesk sync`: sync_retry_* apply."""
    from sqlalchemy import select

    from core.store.schema import outbox

    _finish_jobs(desk_ctx, 6)
    desk_ctx.update_settings(api_url=stand_in.base_url, sync_retry_base_seconds=200.0,
                             sync_retry_cap_seconds=200.0)
    sync_stack.save_token(stand_in.token)
    stand_in.set_faults(error500=1.0)
    started = time.time()
    sync_stack.send_now(desk_ctx.store, desk_ctx.queue, desk_ctx.settings)
    with desk_ctx.store.read() as conn:
        delays = [t - started for t in conn.execute(select(outbox.c.next_attempt_at)).scalars()]
    # Full jitter under a 200 s ceiling: six rows all waiting under the default 1 s base has odds ~1e-14.
    assert len(delays) == 6 and max(delays) > 5.0 and max(delays) <= 200.0 + (time.time() - started)
