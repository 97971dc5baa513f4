"""Worker ids that name their host and process, so a worker can tell which leases belong to the dead.

Format: `<name>@<host>#<pid>.<space><nonce>`. A desk killed outright (SIGKILL, power cut, a crash) leaves
its jobs RUNNING under a lease that only expires after the lease time; the next worker in the same process
space sees from the id that the holder's process is gone and gives those jobs back at once.

A host name alone does not say that a process id means the same process here: containers with host
networking, cloned machines and desks named alike share a name, and a process id means something only
within one kernel boot and one PID namespace. So the id carries `space`, eight hex digits of that boot and
namespace, and only ids of this process's own space are judged. Ids made elsewhere (another desk, another
container, the machine before a reboot, the central API's workers, older ids) are left to their lease.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import uuid
from functools import lru_cache
from pathlib import Path

_ID = re.compile(r"^(?P<name>.*)@(?P<host>[a-z0-9._-]+)#(?P<pid>\d+)\.(?P<space>[0-9a-f]{8})(?P<nonce>[0-9a-f]{6})$")
_MAX = 128  # jobs.locked_by and the central API's worker id


def this_host() -> str:
    """The host's name in the form worker ids carry it: lower-case, safe characters only."""
    return re.sub(r"[^a-z0-9._-]+", "-", socket.gethostname().lower()).strip("-.") or "unknown"


@lru_cache(maxsize=1)
def this_space() -> str:
    """Eight hex digits naming this kernel boot and PID namespace ("" parts where the system has none)."""
    parts = []
    for source in ("/proc/sys/kernel/random/boot_id", "/proc/self/ns/pid"):
        try:
            parts.append(Path(source).read_text(encoding="ascii").strip() if "boot_id" in source
                         else str(os.stat(source).st_ino))
        except OSError:
            parts.append("")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:8]


def make_worker_id(name: str, *, pid: int | None = None, host: str | None = None, space: str | None = None) -> str:
    """A new id for one worker of this process; `name` is cut so the whole fits in 128 characters."""
    where = f"{host or this_host()}#{os.getpid() if pid is None else pid}.{space or this_space()}"
    tail = f"@{where}{uuid.uuid4().hex[:6]}"
    return f"{name[: _MAX - len(tail)]}{tail}"


def host_and_pid(worker_id: str | None) -> tuple[str, int] | None:
    """(host, pid) of an id made by `make_worker_id` in this process space, else None: a process id from
    another boot or PID namespace names no process here."""
    found = _ID.match(worker_id or "")
    if found is None or found["space"] != this_space():
        return None
    return found["host"], int(found["pid"])


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


__all__ = ["host_and_pid", "make_worker_id", "process_alive", "this_host", "this_space"]
