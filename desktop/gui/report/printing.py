"""Printing the score report: the PDF's drawing code on a QPrinter (Qt Print Support is loaded only here)."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from desktop.gui.report.pdf import ReportPainter
from desktop.services.report_data import ReportData


def a4_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the report keeps its own margins
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    return printer


def print_report(data: ReportData, printer: QPrinter) -> int:
    """Draw the report on `printer` (a real printer, or one set to PDF output); returns the page count.
    Runs on the UI thread (QPrinter belongs to it)."""
    printer.setDocName(data.exam_name)
    return ReportPainter(data, printer).paint()


__all__ = ["a4_printer", "print_report"]
