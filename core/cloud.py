"""Control of the academy's cloud GPU worker (one EC2 instance): report its state, start it, never stop it.

Region, instance id and AWS profile come from settings (`cloud_region`, `cloud_instance_id`,
`aws_profile`); SCANDESK_CLOUD_REGION / SCANDESK_CLOUD_INSTANCE_ID override them, the standard AWS_PROFILE
overrides the profile, and AWS_ENDPOINT_URL (honoured by boto3 itself) points at another EC2 endpoint.

Every failure becomes `CloudError` whose message is one line a teacher or admin can act on: no
credentials, not authorised, unknown instance, region or instance not set, endpoint unreachable.

Calls block (network); the GUI runs them off the UI thread.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import boto3
import botocore.config
import botocore.exceptions

RUNNING: Final = "running"
PENDING: Final = "pending"
STOPPED: Final = "stopped"

_NOT_AUTHORISED: Final = frozenset({
    "UnauthorizedOperation", "AuthFailure", "AccessDenied", "AccessDeniedException",
    "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "OptInRequired",
})
_UNKNOWN_INSTANCE: Final = frozenset({"InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed"})
# The EC2 waiter polls every 15 s by default; a shorter poll keeps `--wait 30` close to 30 s.
_MAX_POLL_S: Final = 15.0


class CloudError(Exception):
    """A one-line, human message about why the cloud worker could not be queried or started."""


@dataclass(frozen=True)
class InstanceStatus:
    instance_id: str
    region: str
    state: str
    instance_type: str | None = None
    public_ip: str | None = None

    def line(self) -> str:
        extra = ", ".join(v for v in (self.instance_type, self.public_ip) if v)
        return f"{self.instance_id} ({self.region}): {self.state}" + (f" [{extra}]" if extra else "")


@dataclass(frozen=True)
class StartOutcome:
    instance_id: str
    before: str
    after: str
    started: bool  # False: it was running or starting already, nothing was sent
    timed_out: bool = False  # waited the full bound without reaching running

    def line(self) -> str:
        if not self.started and self.before in (RUNNING, PENDING) and self.after == RUNNING:
            what = "already running" if self.before == RUNNING else "was starting; now running"
            return f"{self.instance_id}: {what}"
        action = "start requested" if self.started else f"already {self.before}"
        if self.timed_out:
            return f"{self.instance_id}: {action}; still {self.after} when the wait ran out"
        return f"{self.instance_id}: {action}; now {self.after}"


class CloudWorker:
    def __init__(
        self,
        region: str,
        instance_id: str,
        profile: str | None = None,
        *,
        client: Any = None,
    ) -> None:
        if not region:
            raise CloudError("cloud region is not set: scandesk config set cloud_region ap-northeast-2")
        if not instance_id:
            raise CloudError("cloud worker instance is not set: scandesk config set cloud_instance_id i-...")
        self.region = region
        self.instance_id = instance_id
        self.profile = profile or None
        self._client = client

    @classmethod
    def from_settings(cls, settings: Any, env: Mapping[str, str] | None = None, **kwargs: Any) -> CloudWorker:
        """Region, instance and profile from settings; SCANDESK_CLOUD_* and AWS_PROFILE win when set."""
        environ = os.environ if env is None else env
        return cls(
            region=environ.get("SCANDESK_CLOUD_REGION") or settings.cloud_region,
            instance_id=environ.get("SCANDESK_CLOUD_INSTANCE_ID") or settings.cloud_instance_id,
            profile=environ.get("AWS_PROFILE") or settings.aws_profile or None,
            **kwargs,
        )

    # ------------------------------------------------------------- client
    def has_credentials(self) -> bool:
        """Whether boto3 finds credentials for this profile (environment, AWS files, SSO, instance role).
        Blocks briefly: the instance-metadata look-up has a short timeout of its own."""
        try:
            session = boto3.Session(profile_name=self.profile, region_name=self.region)
            return session.get_credentials() is not None
        except botocore.exceptions.BotoCoreError:  # a profile missing from the config files, among others
            return False

    def client(self) -> Any:
        if self._client is None:
            try:
                session = boto3.Session(profile_name=self.profile, region_name=self.region)
            except botocore.exceptions.ProfileNotFound:
                raise CloudError(
                    f"no AWS credentials: profile {self.profile!r} is not in the AWS config files"
                ) from None
            config = botocore.config.Config(
                connect_timeout=5, read_timeout=20, retries={"max_attempts": 3, "mode": "standard"}
            )
            # endpoint_url stays None: boto3 then honours AWS_ENDPOINT_URL(_EC2) from the environment.
            self._client = session.client("ec2", config=config)
        return self._client

    def _explain(self, exc: Exception, action: str) -> CloudError:
        if isinstance(exc, botocore.exceptions.ProfileNotFound):
            return CloudError(f"no AWS credentials: profile {self.profile!r} is not in the AWS config files")
        if isinstance(exc, (botocore.exceptions.NoCredentialsError, botocore.exceptions.PartialCredentialsError)):
            hint = f"profile {self.profile!r} has none" if self.profile else "set aws_profile or AWS_PROFILE"
            return CloudError(f"no AWS credentials found ({hint})")
        if isinstance(exc, botocore.exceptions.NoRegionError):
            return CloudError("cloud region is not set: scandesk config set cloud_region ap-northeast-2")
        if isinstance(exc, botocore.exceptions.ClientError):
            error = exc.response.get("Error", {})
            code = str(error.get("Code") or "")
            if code in _NOT_AUTHORISED:
                return CloudError(
                    f"not authorised to {action} {self.instance_id} ({code}): these AWS credentials need "
                    "ec2:DescribeInstances and ec2:StartInstances"
                )
            if code in _UNKNOWN_INSTANCE:
                return CloudError(f"unknown instance {self.instance_id} in region {self.region} ({code})")
            message = " ".join(str(error.get("Message") or "").split())
            return CloudError(f"EC2 refused to {action} {self.instance_id}: {code} {message}".strip())
        if isinstance(exc, (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectTimeoutError,
                            botocore.exceptions.ReadTimeoutError)):
            return CloudError(f"cannot reach EC2 in {self.region}: {type(exc).__name__}")
        return CloudError(f"cannot {action} {self.instance_id}: {type(exc).__name__}: {' '.join(str(exc).split())}")

    # ---------------------------------------------------------------- API
    def status(self) -> InstanceStatus:
        try:
            answer = self.client().describe_instances(InstanceIds=[self.instance_id])
        except CloudError:
            raise
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
            raise self._explain(exc, "describe") from None
        instances = [i for r in answer.get("Reservations", []) for i in r.get("Instances", [])]
        if not instances:
            raise CloudError(f"unknown instance {self.instance_id} in region {self.region}")
        instance = instances[0]
        return InstanceStatus(
            instance_id=self.instance_id,
            region=self.region,
            state=str(instance.get("State", {}).get("Name") or "unknown"),
            instance_type=instance.get("InstanceType"),
            public_ip=instance.get("PublicIpAddress"),
        )

    def start(self, wait_seconds: float = 0.0) -> StartOutcome:
        """Start the instance if it is stopped; a no-op when it is running or pending. Never stops it.

        With `wait_seconds` > 0, wait (EC2 `instance_running` waiter) at most about that long.
        """
        before = self.status().state
        if before in ("stopping", "shutting-down", "terminated"):
            hint = "start it again once it has stopped" if before == "stopping" else "it cannot be started"
            raise CloudError(f"instance {self.instance_id} is {before}; {hint}")
        started = False
        if before == STOPPED:
            try:
                self.client().start_instances(InstanceIds=[self.instance_id])
            except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
                raise self._explain(exc, "start") from None
            started = True
        elif before not in (RUNNING, PENDING):
            raise CloudError(f"instance {self.instance_id} is {before}; not starting it")
        timed_out = False
        if wait_seconds > 0 and before != RUNNING:
            timed_out = not self._wait_running(wait_seconds)
        after = self.status().state
        return StartOutcome(self.instance_id, before, after, started, timed_out and after != RUNNING)

    def _wait_running(self, wait_seconds: float) -> bool:
        delay = max(1, min(int(_MAX_POLL_S), int(wait_seconds // 4) or 1))
        attempts = max(1, math.ceil(wait_seconds / delay))
        waiter = self.client().get_waiter("instance_running")
        try:
            waiter.wait(InstanceIds=[self.instance_id], WaiterConfig={"Delay": delay, "MaxAttempts": attempts})
        except botocore.exceptions.WaiterError as exc:
            last = getattr(exc, "last_response", None) or {}
            if "Error" in last:
                raise self._explain(
                    botocore.exceptions.ClientError(last, "DescribeInstances"), "describe"
                ) from None
            return False
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
            raise self._explain(exc, "describe") from None
        return True
