"""Texts the worker, the store and the services write in English (progress, rejection reasons, errors),
shown in the UI's language. Those layers are Qt-free and their messages go to logs and the command line
as they are; the GUI translates what it shows through `worker_text`. A message that is not known here
is shown as it came (the Korean walk test lists the ones a teacher meets on the screens).

Each entry is a pattern of the English message with named parts, and the catalogue's source text with
the same names in braces; the translate() calls are literal so that lupdate finds them. UI thread.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from core.contracts import JobStatus

_NAME = r"(?P<name>[^:]+?)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(English message pattern, catalogue source text). The source texts are the English messages with
    their variable parts named; `_translated` looks each up in the installed catalogue."""
    entries = [
        # progress of an omr job (worker/omr/handler.py) and of the other handlers
        (r"reading the scan", "reading the scan"),
        (r"aligning and reading bubbles", "aligning and reading bubbles"),
        (r"drawing the annotated sheet", "drawing the annotated sheet"),
        (r"done", "done"),
        (r"region (?P<i>\d+) of (?P<n>\d+)", "region {i} of {n}"),
        (r"frame (?P<i>\d+) of (?P<n>\d+)", "frame {i} of {n}"),
        # why a page was rejected (worker/omr/align.py, pages.py, formcode)
        (r"cannot align the sheet: the four corner marks were not found",
         "cannot align the sheet: the four corner marks were not found"),
        (r"cannot align the sheet: the corner marks do not span a card",
         "cannot align the sheet: the corner marks do not span a card"),
        (r"cannot align the sheet: the orientation mark beside the top-left corner is missing",
         "cannot align the sheet: the orientation mark beside the top-left corner is missing"),
        (r"cannot align the sheet: the corner marks do not have this card's proportions",
         "cannot align the sheet: the corner marks do not have this card's proportions"),
        (r"cannot align the sheet: the corner markers were not found",
         "cannot align the sheet: the corner markers were not found"),
        (r"cannot align the sheet: the corner markers found do not span the page",
         "cannot align the sheet: the corner markers found do not span the page"),
        (r"the page does not match the template \(is this the right card\?\)",
         "the page does not match the template (is this the right card?)"),
        (r"this sheet is not a (?P<card>.+) card: its form code does not match the template",
         "this sheet is not a {card} card: its form code does not match the template"),
        (r"pick the right template", "pick the right template"),
        (r"cannot find the page on the photo, or the page does not match the template: no page edge stands out "
         r"from the background on all four sides \(photograph the whole page, flat, on a surface darker than the "
         r"paper\)",
         "cannot find the page on the photo, or the page does not match the template: no page edge stands out "
         "from the background on all four sides (photograph the whole page, flat, on a surface darker than the "
         "paper)"),
        (r"this page does not match the template (?P<name>.+?): only (?P<share>\d+%) of the template's bubbles sit "
         r"on printed bubbles \(another card, a question paper or an empty page\?\)",
         "this page does not match the template {name}: only {share} of the template's bubbles sit on printed "
         "bubbles (another card, a question paper or an empty page?)"),
        (_NAME + r": this file is not a scan or image \(PNG, JPEG, TIFF or PDF\)",
         "{name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)"),
        (_NAME + r": file not found \((?P<path>.+)\)", "{name}: file not found ({path})"),
        (_NAME + r": the file is empty \(0 bytes\); scan the sheet again",
         "{name}: the file is empty (0 bytes); scan the sheet again"),
        (_NAME + r": the image is too small \((?P<size>[^)]+) pixels\) to read a card",
         "{name}: the image is too small ({size} pixels) to read a card"),
        (_NAME + r": the PDF is password-protected; save it without a password",
         "{name}: the PDF is password-protected; save it without a password"),
        (_NAME + r": the PDF has no pages or is damaged", "{name}: the PDF has no pages or is damaged"),
        (_NAME + r": the image is too large to be a scan; scan at 150–600 dpi",
         "{name}: the image is too large to be a scan; scan at 150–600 dpi"),
        (_NAME + r": the image file is damaged or not an image", "{name}: the image file is damaged or not an image"),
        (_NAME + r": the (?P<kind>JPEG|PNG) file is cut off \(incomplete download or copy\); scan it again",
         "{name}: the {kind} file is cut off (incomplete download or copy); scan it again"),
        (_NAME + r": the image cannot be decoded \(damaged file\)", "{name}: the image cannot be decoded (damaged file)"),
        # the teacher's actions on jobs and sheets (core.queue, core.sheet_moves)
        (r"job (?P<job>\S+) is (?P<status>[A-Z]+); only FAILED jobs can be (?P<action>retried|discarded)",
         "job {job} is {status}; only FAILED jobs can be {action}"),
        (r"job (?P<job>\S+) is already discarded", "job {job} is already discarded"),
        (r"sheet (?P<job>\S+) is (?P<status>[A-Z]+); wait until it has been read",
         "sheet {job} is {status}; wait until it has been read"),
        (r"sheet (?P<job>\S+) was already removed", "sheet {job} was already removed"),
        (r"sheet (?P<job>\S+) is in (?P<exam>.+) already", "sheet {job} is in {exam} already"),
        (r"(?P<exam>.+) uses another answer-card template; import the scan again for that exam instead",
         "{exam} uses another answer-card template; import the scan again for that exam instead"),
        (r"(?P<exam>.+) already has the same scan \(job (?P<job>\S+)\)", "{exam} already has the same scan (job {job})"),
        # a job's history (core.queue, core.sheet_moves)
        (r"attempt (?P<n>\d+)", "attempt {n}"),
        (r"given back at shutdown", "given back at shutdown"),
        (r"retried by hand", "retried by hand"),
        (r"discarded by hand", "discarded by hand"),
        (r"lease expired; runnable again", "lease expired; runnable again"),
        (r"(?P<error>.+) \(attempt (?P<n>\d+); retry in (?P<s>\d+) s\)", "{error} (attempt {n}; retry in {s} s)"),
        (r"removed from its exam by hand; central copy: (?P<fate>\w+)", "removed from its exam by hand"),
        (r"moved to exam (?P<id>\d+) \((?P<exam>.+)\) by hand; central copy: (?P<fate>\w+)", "moved to {exam} by hand"),
        # sync without its settings (desktop.services.sync_stack)
        (r"api_url is not set: .*", "the server's address is not set: enter the API URL on the Sync tab"),
        (r"worker token is not set: .*", "the worker token is not set: enter it on the Sync tab"),
    ]
    return tuple((re.compile(pattern), source) for pattern, source in entries)


def _translated(source: str) -> str:
    # Literal calls, one per source text, so that lupdate puts every one of them in the catalogue.
    table = {
        "reading the scan": QCoreApplication.translate("WorkerText", "reading the scan"),
        "aligning and reading bubbles": QCoreApplication.translate("WorkerText", "aligning and reading bubbles"),
        "drawing the annotated sheet": QCoreApplication.translate("WorkerText", "drawing the annotated sheet"),
        "done": QCoreApplication.translate("WorkerText", "done"),
        "region {i} of {n}": QCoreApplication.translate("WorkerText", "region {i} of {n}"),
        "frame {i} of {n}": QCoreApplication.translate("WorkerText", "frame {i} of {n}"),
        "cannot align the sheet: the four corner marks were not found":
            QCoreApplication.translate("WorkerText", "cannot align the sheet: the four corner marks were not found"),
        "cannot align the sheet: the corner marks do not span a card":
            QCoreApplication.translate("WorkerText", "cannot align the sheet: the corner marks do not span a card"),
        "cannot align the sheet: the orientation mark beside the top-left corner is missing":
            QCoreApplication.translate("WorkerText", "cannot align the sheet: the orientation mark beside the top-left corner is missing"),
        "cannot align the sheet: the corner marks do not have this card's proportions":
            QCoreApplication.translate("WorkerText", "cannot align the sheet: the corner marks do not have this card's proportions"),
        "cannot align the sheet: the corner markers were not found":
            QCoreApplication.translate("WorkerText", "cannot align the sheet: the corner markers were not found"),
        "cannot align the sheet: the corner markers found do not span the page":
            QCoreApplication.translate("WorkerText", "cannot align the sheet: the corner markers found do not span the page"),
        "the page does not match the template (is this the right card?)":
            QCoreApplication.translate("WorkerText", "the page does not match the template (is this the right card?)"),
        "this sheet is not a {card} card: its form code does not match the template":
            QCoreApplication.translate("WorkerText", "this sheet is not a {card} card: its form code does not match the template"),
        "pick the right template":
            QCoreApplication.translate("WorkerText", "pick the right template"),
        "cannot find the page on the photo, or the page does not match the template: no page edge stands out from the background on all four sides (photograph the whole page, flat, on a surface darker than the paper)":
            QCoreApplication.translate("WorkerText", "cannot find the page on the photo, or the page does not match the template: no page edge stands out from the background on all four sides (photograph the whole page, flat, on a surface darker than the paper)"),
        "this page does not match the template {name}: only {share} of the template's bubbles sit on printed bubbles (another card, a question paper or an empty page?)":
            QCoreApplication.translate("WorkerText", "this page does not match the template {name}: only {share} of the template's bubbles sit on printed bubbles (another card, a question paper or an empty page?)"),
        "{name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)":
            QCoreApplication.translate("WorkerText", "{name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)"),
        "{name}: file not found ({path})": QCoreApplication.translate("WorkerText", "{name}: file not found ({path})"),
        "{name}: the file is empty (0 bytes); scan the sheet again":
            QCoreApplication.translate("WorkerText", "{name}: the file is empty (0 bytes); scan the sheet again"),
        "{name}: the image is too small ({size} pixels) to read a card":
            QCoreApplication.translate("WorkerText", "{name}: the image is too small ({size} pixels) to read a card"),
        "{name}: the PDF is password-protected; save it without a password":
            QCoreApplication.translate("WorkerText", "{name}: the PDF is password-protected; save it without a password"),
        "{name}: the PDF has no pages or is damaged":
            QCoreApplication.translate("WorkerText", "{name}: the PDF has no pages or is damaged"),
        "{name}: the image is too large to be a scan; scan at 150–600 dpi":
            QCoreApplication.translate("WorkerText", "{name}: the image is too large to be a scan; scan at 150–600 dpi"),
        "{name}: the image file is damaged or not an image":
            QCoreApplication.translate("WorkerText", "{name}: the image file is damaged or not an image"),
        "{name}: the {kind} file is cut off (incomplete download or copy); scan it again":
            QCoreApplication.translate("WorkerText", "{name}: the {kind} file is cut off (incomplete download or copy); scan it again"),
        "{name}: the image cannot be decoded (damaged file)":
            QCoreApplication.translate("WorkerText", "{name}: the image cannot be decoded (damaged file)"),
        "job {job} is {status}; only FAILED jobs can be {action}":
            QCoreApplication.translate("WorkerText", "job {job} is {status}; only FAILED jobs can be {action}"),
        "job {job} is already discarded": QCoreApplication.translate("WorkerText", "job {job} is already discarded"),
        "sheet {job} is {status}; wait until it has been read":
            QCoreApplication.translate("WorkerText", "sheet {job} is {status}; wait until it has been read"),
        "sheet {job} was already removed": QCoreApplication.translate("WorkerText", "sheet {job} was already removed"),
        "sheet {job} is in {exam} already": QCoreApplication.translate("WorkerText", "sheet {job} is in {exam} already"),
        "{exam} uses another answer-card template; import the scan again for that exam instead":
            QCoreApplication.translate("WorkerText", "{exam} uses another answer-card template; import the scan again for that exam instead"),
        "{exam} already has the same scan (job {job})":
            QCoreApplication.translate("WorkerText", "{exam} already has the same scan (job {job})"),
        "attempt {n}": QCoreApplication.translate("WorkerText", "attempt {n}"),
        "given back at shutdown": QCoreApplication.translate("WorkerText", "given back at shutdown"),
        "retried by hand": QCoreApplication.translate("WorkerText", "retried by hand"),
        "discarded by hand": QCoreApplication.translate("WorkerText", "discarded by hand"),
        "lease expired; runnable again": QCoreApplication.translate("WorkerText", "lease expired; runnable again"),
        "{error} (attempt {n}; retry in {s} s)": QCoreApplication.translate("WorkerText", "{error} (attempt {n}; retry in {s} s)"),
        "removed from its exam by hand": QCoreApplication.translate("WorkerText", "removed from its exam by hand"),
        "moved to {exam} by hand": QCoreApplication.translate("WorkerText", "moved to {exam} by hand"),
        "the server's address is not set: enter the API URL on the Sync tab":
            QCoreApplication.translate("WorkerText", "the server's address is not set: enter the API URL on the Sync tab"),
        "the worker token is not set: enter it on the Sync tab":
            QCoreApplication.translate("WorkerText", "the worker token is not set: enter it on the Sync tab"),
    }
    return table.get(source, source)


def event_kind(kind: str) -> str:
    """A job event's kind (core.queue's words) as the teacher reads it."""
    return {
        "enqueued": QCoreApplication.translate("WorkerText", "queued"),
        "claimed": QCoreApplication.translate("WorkerText", "started"),
        "done": QCoreApplication.translate("WorkerText", "done"),
        "failed": QCoreApplication.translate("WorkerText", "failed"),
        "retried": QCoreApplication.translate("WorkerText", "run again"),
        "discarded": QCoreApplication.translate("WorkerText", "discarded"),
        "released": QCoreApplication.translate("WorkerText", "given back"),
        "lease_lost": QCoreApplication.translate("WorkerText", "taken over"),
        "lease_expired": QCoreApplication.translate("WorkerText", "timed out"),
        "needs_cloud": QCoreApplication.translate("WorkerText", "for the cloud"),
        "removed": QCoreApplication.translate("WorkerText", "removed"),
        "moved": QCoreApplication.translate("WorkerText", "moved"),
    }.get(kind, kind)


def _status(status: str) -> str:
    labels: dict[str, str] = {
        JobStatus.PENDING: QCoreApplication.translate("WorkerText", "waiting"),
        JobStatus.RUNNING: QCoreApplication.translate("WorkerText", "being read"),
        JobStatus.DONE: QCoreApplication.translate("WorkerText", "read"),
        JobStatus.FAILED: QCoreApplication.translate("WorkerText", "failed"),
    }
    return labels.get(status, status)


def _action(action: str) -> str:
    return {
        "retried": QCoreApplication.translate("WorkerText", "retried"),
        "discarded": QCoreApplication.translate("WorkerText", "discarded"),
    }.get(action, action)


def worker_text(text: str) -> str:
    """`text` in the UI's language when it is a known message (each of its parts of a "; "-joined list
    too), else as it is."""
    if not text:
        return text
    whole = _one(text.strip())
    if whole is not None:
        return whole
    parts = text.split("; ")
    if len(parts) > 1:
        return "; ".join(_one(p) or p for p in parts)
    return text


def _one(text: str) -> str | None:
    for pattern, source in _patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            values = match.groupdict()
            if "status" in values:
                values["status"] = _status(values["status"])
            if "action" in values:
                values["action"] = _action(values["action"])
            return _translated(source).format(**values)
    return None
