#!/usr/bin/env bash
# Set up everything ScanDesk needs on a Debian machine, once; later runs are quick no-ops.
#   - Debian packages (tesseract with Korean, PostgreSQL for the shared-queue tests, Qt's runtime
#     libraries, Xvfb, Korean fonts), installed when missing (as root, or with sudo);
#   - a virtual environment in .venv with ScanDesk and its dev extra, reinstalled when pyproject.toml
#     changes;
#   - the translations (.qm) built from resources/translations/*.ts.
# Sourced by ./scandesk and ./run-tests; prints what it does, and nothing when there is nothing to do.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${SCANDESK_PYTHON:-python3}"

APT_PACKAGES=(
  python3-venv
  tesseract-ocr tesseract-ocr-kor tesseract-ocr-eng
  postgresql
  xvfb xauth
  x11-utils binutils  # the app build and its check (scripts/build-app.sh, check-app.sh): xwininfo, strip
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3
  libglib2.0-0 libxkbcommon0 libfreetype6 libopengl0  # Qt's own needs, named rather than inherited
  fonts-nanum
)

missing_packages() {
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "bootstrap: not a Debian system; install ${APT_PACKAGES[*]} yourself" >&2; return 0; }
  local missing
  missing="$(missing_packages)"
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "bootstrap: need root to install: $missing" >&2; return 1; }
    sudo="sudo"
  fi
  echo "bootstrap: installing Debian packages: $(echo $missing)" >&2
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

install_python_env() {
  local stamp="$VENV/.bootstrap-stamp"
  local want
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "bootstrap: setting up the Python environment in .venv" >&2
  # A venv made without pip (python3-venv was missing then) is unusable: make it again.
  if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    rm -rf "$VENV"
  fi
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  # pip and the build backend print deprecation notices even with -q: keep them in a log, shown on failure.
  local log="$VENV/bootstrap-pip.log"
  if ! { "$VENV/bin/python" -m pip install -q --upgrade pip && "$VENV/bin/python" -m pip install -q -e "$ROOT[dev]"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "bootstrap: installing the Python packages failed (log above, also in $log)" >&2
    return 1
  fi
  echo "$want" > "$stamp"
}

build_translations() {
  local ts qm lrelease
  lrelease="$VENV/bin/pyside6-lrelease"
  [ -x "$lrelease" ] || return 0
  for ts in "$ROOT"/resources/translations/*.ts; do
    [ -e "$ts" ] || continue
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      "$lrelease" -silent "$ts" -qm "$qm"
    fi
  done
}

install_system_packages
install_python_env
build_translations
