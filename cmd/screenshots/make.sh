#!/usr/bin/env bash
# Regenerates the README's screenshots from the real app (not run in CI):
#   cmd/screenshots/make.sh
# The built binary runs in tmux at 100×30 on a demo journal, is driven with
# send-keys, and each screen is captured with its colours (capture-pane -e),
# turned into a terminal-like HTML page by main.go beside this script and
# photographed by headless Chromium.
# REBOUND_BIN=/path/to/rebound uses that binary instead of building one.
# Needs: go, tmux, chromium (or CHROME=/path/to/chrome), and a monospace font
# (DejaVu Sans Mono looks right). On Debian:
#   apt-get install -y tmux chromium fonts-dejavu-core
set -euo pipefail
cd "$(dirname "$0")/../.."
out=assets/screenshots
cols=100 rows=30

chrome=${CHROME:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$chrome" ] || { echo "make.sh: chromium not found (apt-get install chromium, or set CHROME)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "make.sh: tmux not found (apt-get install tmux)" >&2; exit 1; }

work=$(mktemp -d)
scene=0
sock="rebound-shots-$$-0"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [ -n "${REBOUND_BIN:-}" ]; then # an already built binary
  cp "$REBOUND_BIN" "$work/rebound"
else
  go build -o "$work/rebound" ./cmd/rebound
fi
go build -o "$work/ansi2html" ./cmd/screenshots
db="$work/shots.db"
rb() { "$work/rebound" --db "$db" "$@"; }
rb demo --nos 300 --days 180 --seed 3 >/dev/null

# start ARGS...: the app in a fresh tmux server (dark terminal, true colour).
start() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  scene=$((scene + 1))
  sock="rebound-shots-$$-$scene"
  local cmd="env TERM=xterm-256color COLORTERM=truecolor $work/rebound --db $db"
  for a in "$@"; do cmd+=" '$a'"; done
  tmux -L "$sock" -f /dev/null new-session -d -s s -x "$cols" -y "$rows" "$cmd; sleep 60"
}
keys() { tmux -L "$sock" send-keys -t s "$@"; }
type_text() { tmux -L "$sock" send-keys -t s -l "$1"; }
# wait_for TEXT: poll the screen until it shows TEXT (10 s at most).
wait_for() {
  local i
  for i in $(seq 200); do
    if tmux -L "$sock" capture-pane -p -t s | grep -qF -- "$1"; then return 0; fi
    sleep 0.05
  done
  echo "make.sh: timed out waiting for \"$1\"; screen:" >&2
  tmux -L "$sock" capture-pane -p -t s >&2
  exit 1
}
# shot NAME TITLE: capture the screen into $out/NAME.png.
shot() {
  sleep 0.3 # let the last frame settle
  tmux -L "$sock" capture-pane -e -p -t s | "$work/ansi2html" -cols "$cols" -rows "$rows" -title "$2" >"$work/$1.html"
  "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --force-device-scale-factor=1 --user-data-dir="$work/chrome" \
    --window-size="$("$work/ansi2html" -size -cols "$cols" -rows "$rows")" \
    --screenshot="$PWD/$out/$1.png" "file://$work/$1.html" >/dev/null 2>&1
  [ -s "$out/$1.png" ] || { echo "make.sh: chromium wrote no $out/$1.png" >&2; exit 1; }
  echo "$out/$1.png ($(wc -c <"$out/$1.png") bytes)"
}

# Home: today at a glance on a demo journal.
start
wait_for "Waiting to be reframed"
shot home "rebound"

# Streak, insights (last 90 days) and follow-ups.
start streak
wait_for "Current streak"
shot streak "rebound streak"
start insights
wait_for "Insights"
keys 3
wait_for "last 90 days"
shot insights "rebound insights"
start followups
wait_for "overdue"
shot followups "rebound followups"

# Reframe: the last step of a fresh No, their words in sight, the lesson typed.
id=$(rb log --who "Northwind Traders" --said "The price is fine. It's the setup fees we can't explain to finance." \
  --reason hidden-fees --kind not-understood --change "A quote with every fee on one line" --feeling 4 \
  --follow-up "in 1 week" | sed -n 's/^Saved No #\([0-9]*\).*/\1/p')
[ -n "$id" ] || { echo "make.sh: could not log the reframe example" >&2; exit 1; }
start reframe "$id"
wait_for "Step 1 of 6"
for step in 2 3 4 5 6; do # ctrl+n skips ahead; the log flags filled these steps
  keys C-n
  wait_for "Step $step of 6"
done
wait_for "┃ What does this no teach you?"
type_text "They weren't saying no to the price. Put every fee on the first quote."
wait_for "on the first quote."
keys Tab
wait_for "┃ What is your next step"
type_text "Send Dana a one-page quote with each fee spelled out"
wait_for "each fee spelled out"
shot reframe "rebound reframe $id"
