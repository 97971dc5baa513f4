#!/usr/bin/env bash
# Run a built app folder as a teacher's computer would: an empty environment (env -i), PATH=/nonexistent
# (no system tesseract, Python or tools), a fresh HOME. Checks --version, `omr` on a shared sample set
# with a CSV, `run ocr` on a Korean page (bundled tesseract), `run question_segmentation`, `template
# render`, `report` (PDF), the token's file fallback without a keyring, the store created and migrated,
# and that the GUI starts under Xvfb and stays up.
# Prints the folder's size and the times to first output (median of 3, first run shown too).
#   scripts/check-app.sh dist/ScanDesk
# The checkout's .venv only makes the test page and judges the results; it never runs the app.
set -euo pipefail
APP="$(cd "${1:?usage: scripts/check-app.sh dist/ScanDesk}" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLES="${SCANDESK_SAMPLES:-$ROOT/../shared/samples/omrchecker/samples}"
PY="$ROOT/.venv/bin/python"
GUI_STAY_SECONDS=5
CLI="$APP/scandesk"
[ -x "$CLI" ] || CLI="$APP/scandesk-cli"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/scandesk-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FRESH_HOME="$WORK/home"
mkdir -p "$FRESH_HOME"
failures=0

say() { printf '%s\n' "$*"; }
fail() { say "FAIL  $*"; failures=$((failures + 1)); }
judge() { (cd "$ROOT" && "$PY" -m bundling.check_results "$@") || failures=$((failures + 1)); }

# The app with nothing from this machine's environment.
app() { env -i HOME="$FRESH_HOME" PATH=/nonexistent "$CLI" "$@"; }

# Milliseconds from start to the first line `app "$@"` prints (stdout or stderr) -> LAST_MS, and the CPU
# seconds (user + sys) the whole command used -> LAST_CPU (wall time on a loaded machine says little).
# Returns the command's exit code; its output goes to $WORK/out.
first_output() {
  local start rc TIMEFORMAT='%U %S'
  start=$(date +%s%N)
  set +e
  { time {
    app "$@" 2>&1 | {
      IFS= read -r line
      echo $(( ($(date +%s%N) - start) / 1000000 )) > "$WORK/ms"
      printf '%s\n' "$line" > "$WORK/out"
      cat >> "$WORK/out"
    }
    echo "${PIPESTATUS[0]}" > "$WORK/rc"
  } ; } 2> "$WORK/cpu"
  set -e
  rc=$(cat "$WORK/rc")
  LAST_MS=$(cat "$WORK/ms")
  LAST_CPU=$(awk '{printf "%.2f", $1 + $2}' "$WORK/cpu")
  return "$rc"
}

median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

# Time to first output of `app "$@"`, three runs: the first run, the median, and CPU seconds.
timed() {
  local runs=() cpus=() i
  for i in 1 2 3; do
    first_output "$@" || { fail "scandesk $*: exit $? ($(head -c 300 "$WORK/out"))"; return 1; }
    runs+=("$LAST_MS")
    cpus+=("$LAST_CPU")
  done
  say "ok    scandesk $*: first output after ${runs[0]} ms (first run), median $(median3 "${runs[@]}") ms;" \
    "CPU $(median3 "${cpus[@]}") s (median); load $(cut -d' ' -f1 /proc/loadavg)"
}

say "check-app: $APP ($(du -sh "$APP" | cut -f1)), empty environment, HOME=$FRESH_HOME"

# 1. --version, and the time to first output of a command that opens the store.
if first_output --version && grep -Eq '^scandesk [0-9][^ ]* \(commit [0-9a-f]{12}(-dirty)?, built ' "$WORK/out"; then
  say "ok    $(cat "$WORK/out")"
else
  fail "--version printed: $(cat "$WORK/out")"
fi
timed --version || true
timed jobs || true

# 2. OMR on a shared sample set, with a CSV.
sample="$SAMPLES/sample1"
if [ -d "$sample" ]; then
  images=$(find "$sample" -iname '*.jpg' ! -name 'omr_marker*' | wc -l)
  if app omr "$sample" --template "$sample/template.json" --csv "$WORK/sample1.csv" > "$WORK/omr.out" 2>&1; then
    judge csv "$WORK/sample1.csv" "$images"
  else
    fail "omr sample1: $(tail -3 "$WORK/omr.out")"
  fi
else
  fail "no sample set at $sample (set SCANDESK_SAMPLES)"
fi

# 3. OCR of a Korean page with the bundled tesseract (PATH is empty), in a worker process (spawn).
judge page "$WORK/page.png" "$WORK/page.txt"
payload="{\"image_path\": \"$WORK/page.png\"}"
if app run ocr --mode process --payload "$payload" > "$WORK/ocr.json" 2> "$WORK/ocr.err"; then
  judge ocr "$WORK/page.txt" "$WORK/ocr.json"
else
  fail "run ocr: $(head -c 400 "$WORK/ocr.json") $(tail -3 "$WORK/ocr.err")"
fi

# 4. Question segmentation of the same page.
if app run question_segmentation --payload "$payload" > "$WORK/seg.json" 2> "$WORK/seg.err"; then
  judge segmentation "$WORK/seg.json" 3
else
  fail "run question_segmentation: $(head -c 400 "$WORK/seg.json") $(tail -3 "$WORK/seg.err")"
fi

# 5. A blank Korean 45-question card.
if app template render "$ROOT/resources/templates/kr_omr_45.json" "$WORK/card45.pdf" > "$WORK/render.out" 2>&1; then
  judge pdf "$WORK/card45.pdf"
else
  fail "template render: $(tail -3 "$WORK/render.out")"
fi

# 6. A printable score report (Qt drawing offscreen in the command line executable, the Korean font):
#    one answer card with its answer key filed under an exam, then the report.
keyed="$SAMPLES/answer-key/using-csv"
if app omr "$keyed/adrian_omr.png" --template "$keyed/template.json" --answer-key "$keyed/answer_key.csv" \
    --exam check-report > "$WORK/exam.out" 2>&1 && app report check-report --pdf "$WORK/report.pdf" > "$WORK/report.out" 2>&1; then
  judge pdf "$WORK/report.pdf"
else
  fail "report: $(tail -3 "$WORK/exam.out") $(tail -3 "$WORK/report.out" 2>/dev/null)"
fi

# 7. No OS keyring in an empty environment: the worker token goes to secrets.json, readable by the user only.
if echo "check-token" | app config set worker_token - > "$WORK/secret.out" 2>&1 \
    && [ "$(app config get worker_token 2>/dev/null)" = "(set)" ]; then
  secrets="$(find "$FRESH_HOME" -name secrets.json | head -1)"
  if [ -n "$secrets" ] && [ "$(stat -c %a "$secrets")" = 600 ]; then
    say "ok    worker token kept in ${secrets#"$FRESH_HOME"/} (mode 600), no keyring in the empty environment"
  else
    fail "worker token: no secrets.json with mode 600 under $FRESH_HOME"
  fi
else
  fail "config set worker_token: $(cat "$WORK/secret.out")"
fi

# 8. The store the commands above used: created in the fresh HOME's data folder, migrated to head.
db="$(find "$FRESH_HOME" -name scandesk.db | head -1)"
judge store "${db:-$FRESH_HOME/no-store}"

# 9. The bundled tesseract's libraries resolve inside the folder (Linux), glibc apart.
if [ "$(uname -s)" = Linux ]; then
  outside=$(LD_LIBRARY_PATH="$APP/_internal/tesseract/lib:$APP/_internal" ldd "$APP/_internal/tesseract/tesseract" \
    | awk '/=>/ {print $1, $3}' | grep -v " $APP/" \
    | grep -Ev '^(linux-vdso|ld-linux|libc|libm|libdl|libpthread|librt|libresolv|libutil|libnsl|libanl|libmvec)\.so' || true)
  if [ -z "$outside" ]; then
    say "ok    bundled tesseract: every library it loads is in the folder (glibc apart)"
  else
    fail "bundled tesseract loads libraries from outside the folder: $(echo $outside)"
  fi
fi

# 10. The GUI: starts on a fresh X server (xcb, as on a desktop), shows its window, stays up.
if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
  cat > "$WORK/gui.sh" <<'EOS'
#!/usr/bin/env bash
# Inside xvfb-run: start the GUI with an empty environment, wait for its window, keep it up a while.
set -u
app_dir=$1 home=$2 stay=$3 log=$4
start=$(date +%s%N)
env -i HOME="$home" PATH=/nonexistent DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" "$app_dir/ScanDesk" > "$log" 2>&1 &
pid=$!
shown=""
for _ in $(seq 1 600); do
  if xwininfo -name ScanDesk 2>/dev/null | grep -q IsViewable; then
    shown=$(( ($(date +%s%N) - start) / 1000000 ))
    # CPU seconds the app had used by then (utime + stime, all threads)
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat")
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
[ -n "$shown" ] || { echo "no window; the app $(kill -0 "$pid" 2>/dev/null && echo 'is still running' || echo 'exited')"; kill "$pid" 2>/dev/null; exit 1; }
sleep "$stay"
kill -0 "$pid" 2>/dev/null || { echo "window shown after $shown ms, then the app exited"; exit 1; }
kill "$pid"; wait "$pid" 2>/dev/null
echo "$shown ms, CPU $cpu s"
EOS
  rm -rf "$FRESH_HOME/.config/ScanDesk"  # a first start, as on a new computer
  if gui_out=$(xvfb-run -a -s "-screen 0 1400x900x24" bash "$WORK/gui.sh" "$APP" "$FRESH_HOME" "$GUI_STAY_SECONDS" "$WORK/gui.log"); then
    say "ok    GUI window shown after $gui_out (first start; load $(cut -d' ' -f1 /proc/loadavg)), still up after ${GUI_STAY_SECONDS} s"
  else
    fail "GUI: $gui_out; log: $(tail -5 "$WORK/gui.log")"
  fi
  if grep -q Traceback "$WORK/gui.log"; then fail "GUI log has a traceback: $(grep -A3 Traceback "$WORK/gui.log" | head -8)"; fi
else
  fail "xvfb-run or xwininfo missing: cannot check the GUI (Debian: xvfb x11-utils)"
fi

say "check-app: folder $(du -sh "$APP" | cut -f1) ($(du -sb "$APP" | cut -f1) bytes)"
if [ "$failures" -ne 0 ]; then
  say "check-app: $failures check(s) failed"
  exit 1
fi
say "check-app: all checks passed"
