"""Cloud worker control against moto's EC2: start from stopped, no-op when running, and clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import botocore.awsrequest
import pytest
from moto import mock_aws

from core.cloud import CloudError, CloudWorker
from core.settings import Settings

REGION = "ap-northeast-2"


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fake credentials only; empty AWS config files so a developer's real ~/.aws is never read."""
    (tmp_path / "aws_config").write_text("")
    (tmp_path / "aws_credentials").write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws_config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws_credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)


@pytest.fixture
def instance_id(aws_env: None) -> Iterator[str]:
    with mock_aws():
        ec2 = boto3.client("ec2", region_name=REGION)
        answer = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="g4dn.xlarge")
        yield answer["Instances"][0]["InstanceId"]


def _stop(instance: str) -> None:
    boto3.client("ec2", region_name=REGION).stop_instances(InstanceIds=[instance])


def test_start_from_stopped_waits_until_running(instance_id: str) -> None:
    _stop(instance_id)
    worker = CloudWorker(REGION, instance_id)
    assert worker.status().state == "stopped"
    outcome = worker.start(wait_seconds=5)
    assert (outcome.before, outcome.after, outcome.started, outcome.timed_out) == ("stopped", "running", True, False)
    assert worker.status().state == "running"
    assert "start requested" in outcome.line()


def test_start_is_a_noop_when_running(instance_id: str) -> None:
    calls: list[str] = []
    worker = CloudWorker(REGION, instance_id)
    worker.client().meta.events.register("before-call.ec2.*", lambda model, **kw: calls.append(model.name))
    outcome = worker.start(wait_seconds=5)
    assert (outcome.before, outcome.started) == ("running", False)
    assert outcome.line().endswith("already running")
    assert "StartInstances" not in calls and "StopInstances" not in calls


def test_status_line(instance_id: str) -> None:
    status = CloudWorker(REGION, instance_id).status()
    assert status.line().startswith(f"{instance_id} ({REGION}): running [g4dn.xlarge")


def _refuse(code: str, message: str) -> Any:
    """A botocore `before-call` handler that answers like EC2 refusing the call.

    moto accepts every call unless its IAM enforcement is switched on (INITIAL_NO_AUTH_ACTION_COUNT plus
    IAM users and policies, process-wide state). Answering in `before-call` instead goes through botocore's
    ordinary error path: the caller gets the same ClientError, with the same code, that EC2 sends when
    the credentials lack the permission.
    """

    def handler(**kwargs: Any) -> tuple[botocore.awsrequest.AWSResponse, dict[str, Any]]:
        http = botocore.awsrequest.AWSResponse("https://ec2.test/", 403, {}, None)
        return http, {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": 403}}

    return handler


def test_not_authorised_to_start_is_one_clear_line(instance_id: str) -> None:
    _stop(instance_id)
    worker = CloudWorker(REGION, instance_id)
    worker.client().meta.events.register(
        "before-call.ec2.StartInstances",
        _refuse("UnauthorizedOperation", "You are not authorized to perform this operation."),
    )
    with pytest.raises(CloudError) as caught:
        worker.start()
    message = str(caught.value)
    assert message.startswith(f"not authorised to start {instance_id} (UnauthorizedOperation)")
    assert "\n" not in message
    assert worker.status().state == "stopped"


def test_bad_credentials_are_not_authorised(instance_id: str) -> None:
    worker = CloudWorker(REGION, instance_id)
    worker.client().meta.events.register(
        "before-call.ec2.DescribeInstances", _refuse("AuthFailure", "AWS was not able to validate the credentials.")
    )
    with pytest.raises(CloudError, match=r"^not authorised to describe .*\(AuthFailure\)"):
        worker.status()


def test_unknown_instance(instance_id: str) -> None:
    with pytest.raises(CloudError) as caught:
        CloudWorker(REGION, "i-0123456789abcdef0").start(wait_seconds=1)
    assert str(caught.value) == f"unknown instance i-0123456789abcdef0 in region {REGION} (InvalidInstanceID.NotFound)"


def test_no_credentials(aws_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(CloudError, match=r"^no AWS credentials found"):
        CloudWorker(REGION, "i-0123456789abcdef0").status()


def test_unknown_profile(aws_env: None) -> None:
    with pytest.raises(CloudError, match=r"^no AWS credentials: profile 'academy' is not in the AWS config"):
        CloudWorker(REGION, "i-0123456789abcdef0", profile="academy").status()


def test_region_and_instance_must_be_set() -> None:
    with pytest.raises(CloudError, match="cloud_region"):
        CloudWorker.from_settings(Settings(cloud_instance_id="i-0123456789abcdef0"), env={})
    with pytest.raises(CloudError, match="cloud_instance_id"):
        CloudWorker.from_settings(Settings(cloud_region=REGION), env={})


def test_environment_overrides_settings(aws_env: None) -> None:
    settings = Settings(cloud_region=REGION, cloud_instance_id="i-0123456789abcdef0", aws_profile="desk")
    env = {"SCANDESK_CLOUD_REGION": "us-east-1", "SCANDESK_CLOUD_INSTANCE_ID": "i-00000000000000001",
           "AWS_PROFILE": "ops"}
    worker = CloudWorker.from_settings(settings, env=env)
    assert (worker.region, worker.instance_id, worker.profile) == ("us-east-1", "i-00000000000000001", "ops")
    assert CloudWorker.from_settings(settings, env={}).profile == "desk"


def test_aws_endpoint_url_is_honoured(aws_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
    client = CloudWorker(REGION, "i-0123456789abcdef0").client()
    assert client.meta.endpoint_url == "http://127.0.0.1:5000"


def test_pending_is_a_noop_and_a_short_wait_times_out(instance_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An instance that stays pending: nothing is started, and the bounded wait gives up."""
    sleeps: list[float] = []
    worker = CloudWorker(REGION, instance_id)
    client = worker.client()

    def always_pending(parsed: dict[str, Any], **kwargs: Any) -> None:
        for reservation in parsed.get("Reservations", []):
            for instance in reservation.get("Instances", []):
                instance["State"] = {"Code": 0, "Name": "pending"}

    client.meta.events.register("after-call.ec2.DescribeInstances", always_pending)
    calls: list[str] = []
    client.meta.events.register("before-call.ec2.*", lambda model, **kw: calls.append(model.name))
    # The waiter sleeps `Delay` seconds between polls; record the sleeps instead of taking them.
    monkeypatch.setattr("botocore.waiter.time.sleep", sleeps.append)
    outcome = worker.start(wait_seconds=2)
    assert (outcome.before, outcome.after, outcome.started, outcome.timed_out) == ("pending", "pending", False, True)
    assert "StartInstances" not in calls
    assert sleeps and sum(sleeps) <= 2
