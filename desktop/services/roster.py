"""Roster files: a class list as CSV or XLSX, read into students; and the closest roster ids to a read id.

Runs on the caller's thread (the GUI runs an import off the UI thread). The first non-empty row is the
header; the columns are found by name, in English or Korean (`student_id`/수험번호/학번, `name`/이름/성명,
`class`/반/학급); other columns (phone, parent, ...) are ignored. Each bad row is reported with its line
number (the spreadsheet's row number) and the good rows are imported all the same: one typo must not make
the teacher retype a class list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.roster import Student, check_student, save_students
from core.store import Store

HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "student_id": ("student_id", "student id", "id", "수험번호", "학번", "번호"),
    "name": ("name", "student name", "이름", "성명", "학생명"),
    "class_name": ("class", "class_name", "반", "학급", "클래스"),
}
# Korean Excel saves "CSV" in the system code page, not UTF-8.
_CSV_ENCODINGS = ("utf-8-sig", "cp949")


@dataclass(frozen=True, slots=True)
class RosterFile:
    """What a roster file holds: the good students and one message per bad row."""

    students: tuple[Student, ...]
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RosterImport:
    added: int
    updated: int
    errors: tuple[str, ...] = field(default=())

    @property
    def imported(self) -> int:
        return self.added + self.updated


def _cell(value: Any) -> str:
    """Spreadsheet cell as text: 10000001.0 (a number cell) is "10000001"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Each field's column: the one whose title comes first in that field's list of names (so 학번 wins
    over 번호, a class list's seat number), then the leftmost of equals."""
    labels = [raw.strip().lower() for raw in header]
    found: dict[str, int] = {}
    for key, names in HEADER_NAMES.items():
        for name in names:
            if name in labels:
                found[key] = labels.index(name)
                break
    missing = [key for key in ("student_id", "name") if key not in found]
    if missing:
        wanted = " and ".join(f"{k} ({'/'.join(HEADER_NAMES[k][:1] + HEADER_NAMES[k][3:5])})" for k in missing)
        raise ValueError(f"the header row has no {wanted} column (found: {', '.join(h for h in header if h) or 'nothing'})")
    return found


def _at(cells: Sequence[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def parse_rows(rows: Iterable[tuple[int, Sequence[Any]]]) -> RosterFile:
    """Students from (line number, cells) rows, the first non-empty one being the header."""
    columns: dict[str, int] | None = None
    students: list[Student] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line, raw in rows:
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        if columns is None:
            columns = _columns(cells)
            continue
        found = [_at(cells, columns.get(key)) for key in ("student_id", "name", "class_name")]
        try:
            student = check_student(Student(*found))
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
            continue
        if student.student_id in seen:
            errors.append(f"line {line}: student id {student.student_id} is already on line {seen[student.student_id]}")
            continue
        seen[student.student_id] = line
        students.append(student)
    if columns is None:
        raise ValueError("the file is empty (a header row with student_id and name is needed)")
    return RosterFile(tuple(students), tuple(errors))


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    data = path.read_bytes()
    for encoding in _CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(f"{path.name} is neither UTF-8 nor CP949 text")
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    for cells in reader:
        rows.append((reader.line_num, cells))
    return rows


def _xlsx_rows(path: Path) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # openpyxl takes ~0.2 s to import; only roster files need it here

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise ValueError(f"{path.name} is not a readable XLSX workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [(index, list(row)) for index, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def read_roster_file(path: str | Path) -> RosterFile:
    """Read a CSV or XLSX class list. Raises ValueError (one line) for a file that cannot be used at all."""
    file = Path(path).expanduser()
    if not file.is_file():
        raise ValueError(f"roster file not found: {file}")
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows: list[tuple[int, Sequence[Any]]] = list(_xlsx_rows(file))
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = list(_csv_rows(file))
    else:
        raise ValueError(f"{file.name}: a roster is a .csv or .xlsx file")
    try:
        return parse_rows(rows)
    except ValueError as exc:
        raise ValueError(f"{file.name}: {exc}") from None


def import_roster(store: Store, path: str | Path, *, replace: bool = False) -> RosterImport:
    """Read the file and save its good students (add new ids, update known ones; `replace` also removes
    the students the file does not list). The bad rows are returned, one message each."""
    parsed = read_roster_file(path)
    added, updated = save_students(store, parsed.students, replace=replace)
    return RosterImport(added, updated, parsed.errors)


def _distance(a: str, b: str) -> int:
    """Edit distance (insert, delete, substitute one character): a misread bubble is one substitution."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest_ids(read_id: str, roster_ids: Iterable[str], *, limit: int = 3) -> list[str]:
    """The roster ids nearest to a read id (fewest edits, then same length, then in order), at most
    `limit`, none further than half the id's length (those are other students, not misreads)."""
    target = read_id.strip()
    bound = max(1, len(target) // 2)
    scored = []
    for candidate in roster_ids:
        d = _distance(target, candidate)
        if d <= bound:
            scored.append((d, len(candidate) != len(target), candidate))
    return [c for *_, c in sorted(scored)[:limit]]


__all__ = [
    "HEADER_NAMES",
    "RosterFile",
    "RosterImport",
    "closest_ids",
    "import_roster",
    "parse_rows",
    "read_roster_file",
]
