"""`scandesk config ...` and `scandesk cloud ...` through their register() functions, headless."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from desktop.cli import cloud as cli_cloud
from desktop.cli import config as cli_config

REGION = "ap-northeast-2"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="scandesk")
    subparsers = parser.add_subparsers(dest="command", required=True)
    cli_config.register(subparsers)
    cli_cloud.register(subparsers)
    try:
        args = parser.parse_args(argv)
        code = args.func(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_set_get_list_unset(capsys: pytest.CaptureFixture[str], _isolated_home: Path) -> None:
    assert run(["config", "set", "api_url", "http://127.0.0.1:8765"], capsys)[:2] == (0, "api_url = http://127.0.0.1:8765\n")
    assert run(["config", "set", "import_dirs", "/scans/a:/scans/b"], capsys)[0] == 0
    assert run(["config", "get", "import_dirs"], capsys)[1] == '["/scans/a", "/scans/b"]\n'
    assert run(["config", "get", "admin_mode"], capsys)[1] == "false\n"
    code, out, _ = run(["config", "list"], capsys)
    assert code == 0 and "api_url" in out and "worker_token" in out and "(not set)" in out
    assert run(["config", "unset", "api_url"], capsys)[:2] == (0, "api_url = \n")
    assert run(["config", "path"], capsys)[1].strip() == str(_isolated_home / "config" / "settings.json")


def test_every_setting_is_reachable_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    from core.settings import SETTING_NAMES

    code, out, _ = run(["config", "list", "-v"], capsys)
    assert code == 0
    for key in SETTING_NAMES:
        assert f"\n{key} " in "\n" + out
        assert run(["config", "get", key], capsys)[0] == 0


@pytest.mark.parametrize("argv,needle", [
    (["config", "get", "colour"], "unknown setting 'colour'"),
    (["config", "set", "concurrency", "many"], "concurrency"),
    (["config", "set", "cloud_instance_id", "vm-3"], "cloud_instance_id"),
    (["config", "set", "api_url"], "give a value"),
    (["config", "set", "worker_token"], "give a value"),
])
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert needle in err and len(err.strip().splitlines()) == 1 and out == ""


def test_secret_is_stored_never_printed(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                        _isolated_home: Path) -> None:
    secret = "token-from-stdin-123"
    monkeypatch.setattr(sys, "stdin", io.StringIO(secret + "\n"))
    code, out, err = run(["config", "set", "worker_token", "-"], capsys)
    assert code == 0 and "secrets.json" in out  # no keyring here: the 0600 file
    for argv in (["config", "get", "worker_token"], ["config", "list"]):
        code, out, err = run(argv, capsys)
        assert code == 0 and secret not in out + err
    assert run(["config", "get", "worker_token"], capsys)[1] == "(set)\n"
    settings_file = _isolated_home / "config" / "settings.json"
    assert not settings_file.exists() or secret not in settings_file.read_text()
    monkeypatch.setenv("SCANDESK_WORKER_TOKEN", "x")
    assert run(["config", "get", "worker_token"], capsys)[1] == "(set by SCANDESK_WORKER_TOKEN)\n"
    monkeypatch.delenv("SCANDESK_WORKER_TOKEN")
    assert run(["config", "unset", "worker_token"], capsys)[0] == 0
    assert run(["config", "get", "worker_token"], capsys)[1] == "(not set)\n"


def test_env_override_shown_in_list(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCANDESK_API_URL", "http://10.0.0.5:8000")
    out = run(["config", "list"], capsys)[1]
    assert "http://10.0.0.5:8000   (from SCANDESK_API_URL)" in out


def test_cli_modules_import_no_qt() -> None:
    code = (
        "import sys, desktop.cli.config, desktop.cli.cloud, desktop.cli.sync; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.replace("'", '"')) == []


# ------------------------------------------------------------------ cloud
@pytest.fixture
def stopped_instance(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    (tmp_path / "aws").write_text("")
    for name, value in {"AWS_CONFIG_FILE": str(tmp_path / "aws"), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "aws"),
                        "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "testing",
                        "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        ec2 = boto3.client("ec2", region_name=REGION)
        instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        ec2.stop_instances(InstanceIds=[instance])
        yield instance


def test_cloud_status_and_start(capsys: pytest.CaptureFixture[str], stopped_instance: str) -> None:
    assert run(["config", "set", "cloud_region", REGION], capsys)[0] == 0
    assert run(["config", "set", "cloud_instance_id", stopped_instance], capsys)[0] == 0
    code, out, _ = run(["cloud", "status"], capsys)
    assert (code, out) == (0, f"{stopped_instance} ({REGION}): stopped [m1.small]\n")
    code, out, _ = run(["cloud", "start", "--wait", "5"], capsys)
    assert (code, out) == (0, f"{stopped_instance}: start requested; now running\n")
    code, out, _ = run(["cloud", "start"], capsys)
    assert (code, out) == (0, f"{stopped_instance}: already running\n")


def test_cloud_errors_are_one_line_exit_1(capsys: pytest.CaptureFixture[str], stopped_instance: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCANDESK_CLOUD_REGION", REGION)
    monkeypatch.setenv("SCANDESK_CLOUD_INSTANCE_ID", "i-0123456789abcdef0")
    code, out, err = run(["cloud", "start"], capsys)
    assert code == 1 and out == ""
    assert err == f"scandesk cloud: unknown instance i-0123456789abcdef0 in region {REGION} (InvalidInstanceID.NotFound)\n"


def test_cloud_missing_settings_and_bad_wait(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["cloud", "status"], capsys)
    assert code == 1 and "cloud_region" in err and len(err.splitlines()) == 1
    assert run(["cloud", "start", "--wait", "-3"], capsys)[0] == 2
    assert run(["cloud"], capsys)[0] == 2


def test_secret_from_stdin_is_trimmed_and_a_control_char_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    from core.secrets import WORKER_TOKEN, default_secret_store
    from desktop.cli.common import USER_ERRORS

    monkeypatch.setattr(sys, "stdin", io.StringIO("token-from-stdin-123 \n"))
    assert run(["config", "set", "worker_token", "-"], capsys)[0] == 0
    assert default_secret_store().get(WORKER_TOKEN) == "token-from-stdin-123"
    # `scandesk` reports a user error with exit 2 and its one-line message, which must not quote the token.
    with pytest.raises(USER_ERRORS) as caught:
        run(["config", "set", "worker_token", "token-with\x1bescape"], capsys)
    assert "token-with" not in str(caught.value) and "worker_token" in str(caught.value)
    assert default_secret_store().get(WORKER_TOKEN) == "token-from-stdin-123"
