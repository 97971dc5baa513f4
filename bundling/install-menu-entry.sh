#!/bin/sh
# Adds ScanDesk to the applications menu of this user (Linux), pointing at this folder.
set -eu
APPDIR="$(cd "$(dirname "$0")" && pwd)"
TARGET="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$TARGET"
sed "s|@APPDIR@|$APPDIR|g" "$APPDIR/scandesk.desktop" > "$TARGET/scandesk.desktop"
echo "ScanDesk is now in the applications menu ($TARGET/scandesk.desktop)."
