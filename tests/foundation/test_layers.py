"""Layers point one way, desktop -> worker -> core, and core/worker never import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" not in proc.stdout.lower().replace("0 broken", "")


def test_no_qt_or_upper_layer_import_in_core_or_worker_even_lazily():
    """import-linter sees module-level graphs; this also catches imports inside functions."""
    offenders = []
    for layer, forbidden in (("core", ("PySide6", "shiboken6", "desktop", "worker")), ("worker", ("PySide6", "shiboken6", "desktop"))):
        for path in (REPO / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                offenders += [f"{path.relative_to(REPO)}: {n}" for n in names if n.split(".")[0] in forbidden]
    assert offenders == []
