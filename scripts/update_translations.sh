#!/usr/bin/env bash
# Refresh resources/translations/scandesk_{ko,en}.ts from the strings in desktop/ (pyside6-lupdate).
# Existing translations are kept; new strings appear as unfinished: translate them in Qt Linguist
# (.venv/bin/pyside6-linguist) and commit the .ts. The .qm files are built by scripts/bootstrap.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mapfile -t SOURCES < <(find desktop -name '*.py' | sort)
.venv/bin/pyside6-lupdate "${SOURCES[@]}" -ts resources/translations/scandesk_ko.ts -target-language ko_KR -no-obsolete
.venv/bin/pyside6-lupdate "${SOURCES[@]}" -ts resources/translations/scandesk_en.ts -target-language en_US -no-obsolete
