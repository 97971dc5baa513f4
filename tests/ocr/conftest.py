"""Exam pages (6 clean, 6 noisy, 4 harsh) written to a session tmp dir and read once by the OCR pipeline.

Pages are read in a process pool, one tesseract per process, as the desk's worker does.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from tests.ocr.exam_pages import ExamPage, make_pages, write_pages
from worker.inputs import load_gray_image
from worker.ocr.page_reader import PageText, read_page
from worker.ocr.tesseract_engine import TesseractUnavailable, check_tesseract

PAGES_PER_KIND = 6
HARSH_PAGES = 4


@dataclass
class ReadPage:
    truth: ExamPage
    path: Path
    result: PageText


def _read(path: Path) -> PageText:
    gray, dpi = load_gray_image(path)
    return read_page(np.asarray(gray), dpi)


def _read_all(pages: list[ExamPage], folder: Path) -> list[ReadPage]:
    paths = write_pages(pages, folder)
    # One worker per core: each runs one single-threaded tesseract at a time (OMP_THREAD_LIMIT=1).
    with ProcessPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as pool:
        results = list(pool.map(_read, paths))
    return [ReadPage(page, path, result) for page, path, result in zip(pages, paths, results, strict=True)]


@pytest.fixture(scope="session")
def tesseract() -> str:
    try:
        return check_tesseract("tesseract")
    except TesseractUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def clean_pages(tesseract: str, tmp_path_factory: pytest.TempPathFactory) -> list[ReadPage]:
    return _read_all(make_pages(PAGES_PER_KIND, noisy=False, seed=1), tmp_path_factory.mktemp("clean"))


@pytest.fixture(scope="session")
def noisy_pages(tesseract: str, tmp_path_factory: pytest.TempPathFactory) -> list[ReadPage]:
    return _read_all(make_pages(PAGES_PER_KIND, noisy=True, seed=2), tmp_path_factory.mktemp("noisy"))


@pytest.fixture(scope="session")
def harsh_pages(tesseract: str, tmp_path_factory: pytest.TempPathFactory) -> list[ReadPage]:
    pages = make_pages(HARSH_PAGES, noisy=True, seed=3, harsh=True, two_column_every=2)
    return _read_all(pages, tmp_path_factory.mktemp("harsh"))
