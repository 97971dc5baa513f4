#!/usr/bin/env bash
# Build the installable app folder dist/ScanDesk/ (PyInstaller one-folder, see build.spec) from a checkout.
#   scripts/build-app.sh          # bootstrap (.venv, translations), PyInstaller from PyPI, then build
# SCANDESK_TESSERACT=/path/to/tesseract names the tesseract to bundle (default: the one on PATH).
# Prints the folder's size and how long the build took.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYINSTALLER_SPEC="pyinstaller>=6.6,<7"

start=$(date +%s)
bash scripts/bootstrap.sh
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  echo "build-app: installing PyInstaller into .venv" >&2
  .venv/bin/python -m pip install -q "$PYINSTALLER_SPEC"
fi
rm -rf dist/ScanDesk
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
echo "build-app: dist/ScanDesk $(du -sh dist/ScanDesk | cut -f1), built in $(( $(date +%s) - start )) s" >&2
