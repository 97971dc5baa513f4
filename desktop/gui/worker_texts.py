"""Texts the worker, the store and the services write in English (progress, rejection reasons, errors),
shown in the UI's language. Those layers are Qt-free and their messages go to logs and the command line
as they are; the GUI translates what it shows through `worker_text`. A message that is not known here
is shown as it came (the Korean walk test lists the ones a teacher meets on the screens).

Each entry is a pattern of the English message with named parts, and the catalogue's source text with
the same names in braces, marked with QT_TRANSLATE_NOOP so that lupdate finds them. UI thread.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.contracts import JobStatus

_NAME = r"(?P<name>[^:]+?)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(English message pattern, catalogue source text). The source texts are the English messages with
    their variable parts named; `_translated` looks each up in the installed catalogue."""
    entries = [
        # progress of an omr job (worker/omr/handler.py) and of the other handlers
        (r"reading the scan", QT_TRANSLATE_NOOP("WorkerText", "reading the scan")),
        (r"aligning and reading bubbles", QT_TRANSLATE_NOOP("WorkerText", "aligning and reading bubbles")),
        (r"drawing the annotated sheet", QT_TRANSLATE_NOOP("WorkerText", "drawing the annotated sheet")),
        (r"done", QT_TRANSLATE_NOOP("WorkerText", "done")),
        (r"region (?P<i>\d+) of (?P<n>\d+)", QT_TRANSLATE_NOOP("WorkerText", "region {i} of {n}")),
        (r"frame (?P<i>\d+) of (?P<n>\d+)", QT_TRANSLATE_NOOP("WorkerText", "frame {i} of {n}")),
        # why a page was rejected (worker/omr/align.py, pages.py, formcode)
        (r"cannot align the sheet: the four corner marks were not found",
         QT_TRANSLATE_NOOP("WorkerText", "cannot align the sheet: the four corner marks were not found")),
        (r"cannot align the sheet: the corner marks do not span a card",
         QT_TRANSLATE_NOOP("WorkerText", "cannot align the sheet: the corner marks do not span a card")),
        (r"cannot align the sheet: the orientation mark beside the top-left corner is missing",
         QT_TRANSLATE_NOOP("WorkerText", "cannot align the sheet: the orientation mark beside the top-left corner is missing")),
        (r"cannot align the sheet: the corner marks do not have this card's proportions",
         QT_TRANSLATE_NOOP("WorkerText", "cannot align the sheet: the corner marks do not have this card's proportions")),
        (r"cannot align the sheet: the corner markers were not found",
         QT_TRANSLATE_NOOP("WorkerText", "cannot align the sheet: the corner markers were not found")),
        (r"cannot align the sheet: the corner markers found do not span the page",
         QT_TRANSLATE_NOOP("WorkerText", "cannot align the sheet: the corner markers found do not span the page")),
        (r"the page does not match the template \(is this the right card\?\)",
         QT_TRANSLATE_NOOP("WorkerText", "the page does not match the template (is this the right card?)")),
        (r"this sheet is not a (?P<card>.+) card: its form code does not match the template",
         QT_TRANSLATE_NOOP("WorkerText", "this sheet is not a {card} card: its form code does not match the template")),
        (r"pick the right template", QT_TRANSLATE_NOOP("WorkerText", "pick the right template")),
        (r"cannot find the page on the photo, or the page does not match the template: no page edge stands out "
         r"from the background on all four sides \(photograph the whole page, flat, on a surface darker than the "
         r"paper\)",
         QT_TRANSLATE_NOOP("WorkerText", "cannot find the page on the photo, or the page does not match the template: no page edge stands out from the background on all four sides (photograph the whole page, flat, on a surface darker than the paper)")),
        (r"this page does not match the template (?P<name>.+?): only (?P<share>\d+%) of the template's bubbles sit "
         r"on printed bubbles \(another card, a question paper or an empty page\?\)",
         QT_TRANSLATE_NOOP("WorkerText", "this page does not match the template {name}: only {share} of the template's bubbles sit on printed bubbles (another card, a question paper or an empty page?)")),
        (_NAME + r": this file is not a scan or image \(PNG, JPEG, TIFF or PDF\)",
         QT_TRANSLATE_NOOP("WorkerText", "{name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)")),
        (_NAME + r": file not found \((?P<path>.+)\)", QT_TRANSLATE_NOOP("WorkerText", "{name}: file not found ({path})")),
        (_NAME + r": the file is empty \(0 bytes\); scan the sheet again",
         QT_TRANSLATE_NOOP("WorkerText", "{name}: the file is empty (0 bytes); scan the sheet again")),
        (_NAME + r": the image is too small \((?P<size>[^)]+) pixels\) to read a card",
         QT_TRANSLATE_NOOP("WorkerText", "{name}: the image is too small ({size} pixels) to read a card")),
        (_NAME + r": the PDF is password-protected; save it without a password",
         QT_TRANSLATE_NOOP("WorkerText", "{name}: the PDF is password-protected; save it without a password")),
        (_NAME + r": the PDF has no pages or is damaged", QT_TRANSLATE_NOOP("WorkerText", "{name}: the PDF has no pages or is damaged")),
        (_NAME + r": the image is too large to be a scan; scan at 150–600 dpi",
         QT_TRANSLATE_NOOP("WorkerText", "{name}: the image is too large to be a scan; scan at 150–600 dpi")),
        (_NAME + r": the image file is damaged or not an image", QT_TRANSLATE_NOOP("WorkerText", "{name}: the image file is damaged or not an image")),
        (_NAME + r": the (?P<kind>JPEG|PNG) file is cut off \(incomplete download or copy\); scan it again",
         QT_TRANSLATE_NOOP("WorkerText", "{name}: the {kind} file is cut off (incomplete download or copy); scan it again")),
        (_NAME + r": the image cannot be decoded \(damaged file\)", QT_TRANSLATE_NOOP("WorkerText", "{name}: the image cannot be decoded (damaged file)")),
        # the teacher's actions on jobs and sheets (core.queue, core.sheet_moves)
        (r"job (?P<job>\S+) is (?P<status>[A-Z]+); only FAILED jobs can be (?P<action>retried|discarded)",
         QT_TRANSLATE_NOOP("WorkerText", "job {job} is {status}; only FAILED jobs can be {action}")),
        (r"job (?P<job>\S+) is already discarded", QT_TRANSLATE_NOOP("WorkerText", "job {job} is already discarded")),
        (r"sheet (?P<job>\S+) is (?P<status>[A-Z]+); wait until it has been read",
         QT_TRANSLATE_NOOP("WorkerText", "sheet {job} is {status}; wait until it has been read")),
        (r"sheet (?P<job>\S+) was already removed", QT_TRANSLATE_NOOP("WorkerText", "sheet {job} was already removed")),
        (r"sheet (?P<job>\S+) is in (?P<exam>.+) already", QT_TRANSLATE_NOOP("WorkerText", "sheet {job} is in {exam} already")),
        (r"(?P<exam>.+) uses another answer-card template; import the scan again for that exam instead",
         QT_TRANSLATE_NOOP("WorkerText", "{exam} uses another answer-card template; import the scan again for that exam instead")),
        (r"(?P<exam>.+) already has the same scan \(job (?P<job>\S+)\)", QT_TRANSLATE_NOOP("WorkerText", "{exam} already has the same scan (job {job})")),
        # a job's history (core.queue, core.sheet_moves)
        (r"attempt (?P<n>\d+)", QT_TRANSLATE_NOOP("WorkerText", "attempt {n}")),
        (r"given back at shutdown", QT_TRANSLATE_NOOP("WorkerText", "given back at shutdown")),
        (r"retried by hand", QT_TRANSLATE_NOOP("WorkerText", "retried by hand")),
        (r"discarded by hand", QT_TRANSLATE_NOOP("WorkerText", "discarded by hand")),
        (r"lease expired; runnable again", QT_TRANSLATE_NOOP("WorkerText", "lease expired; runnable again")),
        (r"(?P<error>.+) \(attempt (?P<n>\d+); retry in (?P<s>\d+) s\)", QT_TRANSLATE_NOOP("WorkerText", "{error} (attempt {n}; retry in {s} s)")),
        (r"removed from its exam by hand; central copy: (?P<fate>\w+)", QT_TRANSLATE_NOOP("WorkerText", "removed from its exam by hand")),
        (r"moved to exam (?P<id>\d+) \((?P<exam>.+)\) by hand; central copy: (?P<fate>\w+)", QT_TRANSLATE_NOOP("WorkerText", "moved to {exam} by hand")),
        # sync without its settings (desktop.services.sync_stack)
        (r"api_url is not set: .*", QT_TRANSLATE_NOOP("WorkerText", "the server's address is not set: enter the API URL on the Sync tab")),
        (r"worker token is not set: .*", QT_TRANSLATE_NOOP("WorkerText", "the worker token is not set: enter it on the Sync tab")),
    ]
    return tuple((re.compile(pattern), str(source)) for pattern, source in entries)


def _translated(source: str) -> str:
    """The catalogue's text for a source text of `_patterns` (marked there for lupdate)."""
    return QCoreApplication.translate("WorkerText", source)


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
