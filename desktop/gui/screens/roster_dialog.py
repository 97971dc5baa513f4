"""The roster in a small dialog: the students (id, name, class) in an editable table, Import a CSV/XLSX
class list, Add, Remove, Save. Store work runs off the UI thread (StoreOp); saving publishes
`Changes(roster=True)` so Results and Review show the names and flags that follow."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.roster import Student, list_students, save_students
from desktop.gui import file_dialogs
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.ops import StoreOp, one_line
from desktop.services.bootstrap import DeskServices
from desktop.services.roster import RosterImport, import_roster


class RosterDialog(QDialog):
    def __init__(self, ctx: DeskServices, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = bus
        self.setWindowTitle(self.tr("Roster"))
        self.resize(620, 520)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Student ID"), self.tr("Name"), self.tr("Class")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        import_button = QPushButton(self.tr("Import CSV/XLSX…"))
        import_button.clicked.connect(lambda: self.import_file())
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_row)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_selected)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (import_button, add, remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Students of the academy: results show their names, and a read student ID "
                                        "that is not on this list goes to review.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.load()

    # ------------------------------------------------------------------ table
    def set_students(self, students: list[Student]) -> None:
        self.table.setRowCount(0)
        for s in students:
            self._append(s.student_id, s.name, s.class_name)
        self.status.setText(self.tr("{n} students").format(n=len(students)))

    def _append(self, sid: str, name: str, klass: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate((sid, name, klass)):
            self.table.setItem(row, col, QTableWidgetItem(text))

    def add_row(self) -> None:
        self._append("", "", "")
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def students(self) -> list[Student]:
        """The table's rows (entirely empty rows skipped)."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self._cell(row, c) for c in range(3)]
            if any(cells):
                out.append(Student(*cells))
        return out

    # ------------------------------------------------------------------ store
    def load(self, message: str = "") -> None:
        """Show the stored roster, then `message` (if any) instead of the student count."""
        store = self.ctx.store

        def loaded(students: list[Student]) -> None:
            self.set_students(students)
            if message:
                self.status.setText(message)

        StoreOp(self, lambda: list_students(store)).success(loaded).failure(
            lambda exc: self.status.setText(one_line(exc))).run()

    def save(self) -> None:
        students = self.students()
        ids = [s.student_id for s in students]
        duplicate = next((sid for sid in ids if sid and ids.count(sid) > 1), None)
        if duplicate:
            self.status.setText(self.tr("Student ID {sid} is on two rows").format(sid=duplicate))
            return
        store = self.ctx.store

        def saved(counts: tuple[int, int]) -> None:
            self.status.setText(self.tr("Saved: {added} added, {updated} updated").format(added=counts[0], updated=counts[1]))
            self.bus.publish(Changes(roster=True, source=self))

        StoreOp(self, lambda: save_students(store, students, replace=True)).success(saved).failure(
            lambda exc: self.status.setText(one_line(exc))).run()

    def import_file(self, path: str | None = None) -> None:
        if path is None:
            path = file_dialogs.open_file(self, self.tr("Import a class list"), self.tr("Class lists (*.csv *.xlsx)"))
            if not path:
                return
        store = self.ctx.store
        chosen = path

        def imported(outcome: RosterImport) -> None:
            text = self.tr("{added} added, {updated} updated").format(added=outcome.added, updated=outcome.updated)
            if outcome.errors:
                text += " · " + self.tr("{n} rows skipped:").format(n=len(outcome.errors)) + " " + "; ".join(outcome.errors[:5])
            self.load(text)
            self.bus.publish(Changes(roster=True, source=self))

        StoreOp(self, lambda: import_roster(store, chosen)).success(imported).failure(
            lambda exc: self.status.setText(one_line(exc))).run()


__all__ = ["RosterDialog"]
