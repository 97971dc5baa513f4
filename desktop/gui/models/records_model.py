"""A read-only table over a short list of plain records (results, review items, outbox rows).

For lists of hundreds of rows that are computed off the UI thread and handed over whole; big lists
use the lazy jobs model instead. Runs on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], Any]]  # header, value of a record


class RecordsTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None  # kept across set_records (a reload)

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = self._sorted(list(records))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's values: numbers as numbers, text as text, empty cells last."""
        if not 0 <= column < len(self._columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self._records
        self._records = self._sorted(before)
        new_row = {id(record): row for row, record in enumerate(self._records)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(new_row[id(before[i.row()])], i.column()) if i.row() < len(before) else i for i in old])
        self.layoutChanged.emit()

    def _sorted(self, records: list[Any]) -> list[Any]:
        if self._sort is None:
            return records
        column, order = self._sort
        value = self._columns[column][1]

        def key(record: Any) -> tuple[int, int, float, str]:
            v = value(record)
            if v is None or v == "":
                return (1, 0, 0.0, "")
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return (0, 0, float(v), "")
            return (0, 1, 0.0, str(v))

        filled = [r for r in records if key(r)[0] == 0]
        empty = [r for r in records if key(r)[0] == 1]
        filled.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        return filled + empty

    def record(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    def records(self) -> list[Any]:
        return list(self._records)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0] if 0 <= section < len(self._columns) else None
        return section + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        record = self._records[index.row()]
        if role == RECORD_ROLE:
            return record
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._columns[index.column()][1](record)
            if value is None:
                return ""
            if isinstance(value, float):
                return f"{value:g}"
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self._columns[index.column()][1](record)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
