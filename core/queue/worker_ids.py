"""Worker ids that name their host and process, so a worker can tell which leases belong to the dead.

Format: `<name>@<host>#<pid>.<nonce>`. A desk killed outright (SIGKILL, power cut, a crash) leaves its
jobs RUNNING under a lease that only expires after the lease time; the next worker on the same host sees
from the id that the holder's process is gone and gives those jobs back at once. Ids made elsewhere
(another desk, the central API's workers, ids from before this format) do not parse and are left alone.
"""

from __future__ import annotations

import os
import re
import socket
import uuid

_ID = re.compile(r"^(?P<name>.*)@(?P<host>[a-z0-9._-]+)#(?P<pid>\d+)\.(?P<nonce>[0-9a-f]+)$")
_MAX = 128  # jobs.locked_by and the central API's worker id


def this_host() -> str:
    """The host's name in the form worker ids carry it: lower-case, safe characters only."""
    return re.sub(r"[^a-z0-9._-]+", "-", socket.gethostname().lower()).strip("-.") or "unknown"


def make_worker_id(name: str, *, pid: int | None = None, host: str | None = None) -> str:
    """A new id for one worker of this process; `name` is cut so the whole fits in 128 characters."""
    tail = f"@{host or this_host()}#{os.getpid() if pid is None else pid}.{uuid.uuid4().hex[:6]}"
    return f"{name[: _MAX - len(tail)]}{tail}"


def host_and_pid(worker_id: str | None) -> tuple[str, int] | None:
    """(host, pid) of an id made by `make_worker_id`, else None."""
    found = _ID.match(worker_id or "")
    return (found["host"], int(found["pid"])) if found else None


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host. A process we may not signal exists."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill there terminates the process; assume alive (its lease still expires)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


__all__ = ["host_and_pid", "make_worker_id", "process_alive", "this_host"]
