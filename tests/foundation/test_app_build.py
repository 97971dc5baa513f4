"""Build-time pieces of the installed app: finding tesseract with its libraries and data (bundling/
tesseract_files.py) and how scripts/check-app.sh judges the frozen app's OCR (bundling/check_results.py).

The build itself is checked by scripts/check-app.sh (in .ci/run); these are the cheap parts.
"""

from __future__ import annotations

import ast
import stat
import sys
from pathlib import Path

import pytest

from bundling import app_contents
from bundling import tesseract_files as tf
from bundling.check_results import word_recall

REPO = Path(__file__).resolve().parents[2]
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd5a5f2000)
\tlibtesseract.so.5 => /lib/x86_64-linux-gnu/libtesseract.so.5 (0x00007fc53c400000)
\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007fc53bf20000)
\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007fc53bc00000)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fc53ba1e000)
\tlibresolv.so.2 => /lib/x86_64-linux-gnu/libresolv.so.2 (0x00007fc5386bb000)
\tlibicudata.so.72 => /lib/x86_64-linux-gnu/libicudata.so.72 (0x00007fc538800000)
\tlibmissing.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007fc53c837000)
"""


def test_ldd_output_gives_every_library_but_glibcs_own_and_names_missing_ones() -> None:
    found, missing = tf.parse_ldd(LDD_OUTPUT)
    assert [p.name for p in found] == ["libtesseract.so.5", "libstdc++.so.6", "libicudata.so.72"]
    assert missing == ["libmissing.so.1"]


def test_otool_output_gives_non_system_dylibs() -> None:
    output = (
        "/opt/homebrew/bin/tesseract:\n"
        "\t/opt/homebrew/opt/tesseract/lib/libtesseract.5.dylib (compatibility version 6.0.0)\n"
        "\t/usr/lib/libc++.1.dylib (compatibility version 1.0.0)\n"
        "\t/System/Library/Frameworks/Accelerate.framework/Accelerate (compatibility version 1.0.0)\n"
    )
    assert tf.parse_otool(output) == [Path("/opt/homebrew/opt/tesseract/lib/libtesseract.5.dylib")]


def _fake_tesseract(folder: Path, tessdata: Path) -> Path:
    exe = folder / "tesseract"
    exe.write_text(f'#!/bin/sh\necho \'List of available languages in "{tessdata}/" (2):\'\necho eng\necho kor\n')
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe


@pytest.mark.skipif(sys.platform == "win32", reason="the fake tesseract is a shell script")
def test_tessdata_is_the_folder_tesseract_reports_and_must_hold_kor_and_eng(tmp_path: Path) -> None:
    tessdata = tmp_path / "tessdata"
    (tessdata / "configs").mkdir(parents=True)
    (tessdata / "kor.traineddata").write_bytes(b"k")
    (tessdata / "configs" / "tsv").write_text("tessedit_create_tsv 1\n")
    exe = _fake_tesseract(tmp_path, tessdata)
    with pytest.raises(tf.TesseractNotFound, match=r"eng\.traineddata"):
        tf.find_tessdata(exe)
    (tessdata / "eng.traineddata").write_bytes(b"e")
    assert tf.find_tessdata(exe) == tessdata
    files = tf.TesseractFiles(executable=exe, libraries=(), tessdata=tessdata).data_files()
    assert files == [(tessdata / "kor.traineddata", "."), (tessdata / "eng.traineddata", "."),
                     (tessdata / "configs" / "tsv", "configs")]


def test_a_given_tesseract_that_does_not_exist_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(tf.TesseractNotFound, match="nowhere/tesseract"):
        tf.find_executable(str(tmp_path / "nowhere" / "tesseract"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the build machine's tesseract (Linux)")
def test_this_machines_tesseract_is_collected_with_its_libraries() -> None:
    files = tf.collect()
    names = {lib.name for lib in files.libraries}
    assert any(name.startswith("libtesseract.so") for name in names)
    assert not any(name.startswith(("libc.so", "ld-linux")) for name in names)
    assert all(lib.is_file() for lib in files.libraries)
    assert {src.name for src, _ in files.data_files()} >= {"kor.traineddata", "eng.traineddata", "tsv", "txt"}


def test_ocr_recall_counts_each_korean_word_once() -> None:
    truth = "1. 다음 중 옳은 것은?\n① 사과 ② 사과"
    assert word_recall(truth, truth) == 1.0
    # `사과` twice in the truth, once in the reading; numbers and Latin text do not count.
    assert word_recall(truth, "1. 다음 중 옳은 것은? ① 사과 ② 4과") == pytest.approx(5 / 6)
    assert word_recall(truth, "1. 0 8 2 7") == 0.0


def _imported_modules(root: Path) -> set[str]:
    """Every module named in an import statement of the app's packages."""
    names: set[str] = set()
    for package in ("core", "worker", "desktop", "resources"):
        for source in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module)
                    names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_build_spec_never_leaves_out_a_module_the_app_imports() -> None:
    imported = _imported_modules(REPO)
    assert any(name.startswith("PySide6.") for name in imported)
    excluded_but_used = sorted(
        name for name in imported for excluded in app_contents.EXCLUDES
        if name == excluded or name.startswith(f"{excluded}.")
    )
    assert not excluded_but_used


def test_app_folder_keeps_the_platform_plugins_and_drops_what_is_never_loaded() -> None:
    plugins = "PySide6/Qt/plugins"
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                 "platforms/qwindows.dll", "printsupport/libcupsprintersupport.so",
                 "platforminputcontexts/libibusplatforminputcontextplugin.so", "imageformats/libqjpeg.so"):
        assert app_contents.keep(f"{plugins}/{kept}"), kept
    for dropped in ("platformthemes/libqgtk3.so", "sqldrivers/libqsqlite.so", "qmltooling/libqmldbg_tcp.so",
                    "xcbglintegrations/libqxcb-egl-integration.so"):
        assert not app_contents.keep(f"{plugins}/{dropped}"), dropped
    assert not app_contents.keep("PySide6/Qt/translations/qtbase_ko.qm")
    assert app_contents.keep("botocore/data/ec2/2016-11-15/service-2.json.gz")
    assert app_contents.keep("botocore/data/endpoints.json")
    assert not app_contents.keep("botocore/data/s3/2006-03-01/service-2.json.gz")
    assert app_contents.keep("resources/translations/scandesk_ko.qm")
