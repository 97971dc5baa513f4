"""The lease queue over the local store."""

from core.queue.dispatch import dispatch_job
from core.queue.lease_queue import DEFAULT_LEASE_S, DEFAULT_MAX_ATTEMPTS, JobQueue, QueueError
from core.queue.views import WAITING_FOR_CLOUD, ClaimedJob, JobEvent, JobView, Outcome

__all__ = [
    "DEFAULT_LEASE_S",
    "DEFAULT_MAX_ATTEMPTS",
    "WAITING_FOR_CLOUD",
    "ClaimedJob",
    "JobEvent",
    "JobQueue",
    "JobView",
    "Outcome",
    "QueueError",
    "dispatch_job",
]
