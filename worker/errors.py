"""How a handler says why a job did not succeed; the claim loop maps each to a queue outcome."""

from __future__ import annotations


class JobError(Exception):
    """Base of the errors a handler raises on purpose. The message is shown to the teacher as is."""

    retryable: bool = False


class BadInput(JobError):
    """The job's input is wrong (unreadable file, wrong template, bad payload): retrying cannot help."""

    retryable = False


class TransientError(JobError):
    """Something outside the job failed (backend unreachable, disk busy): the queue retries with backoff."""

    retryable = True


class NeedsCloud(JobError):
    """The desk cannot run this job (no model, no network backend): hand it to the central queue.

    The loop does not fail the job: it marks it for the cloud worker, and sync registers it as PENDING.
    """

    retryable = False


class Cancelled(JobError):
    """The handler stopped because `ctx.cancelled()` turned true; the loop releases the lease."""

    retryable = True
