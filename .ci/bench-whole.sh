#!/usr/bin/env bash
# Whole-process table of the whole-journal commands (export, doctor, import
# of the export into a new file) and of
# the first write of a day beside a later one: a rebound built from BASE
# beside one built from the working tree, on demo journals of each size,
# run alternately (old, new, old, new...), the median wall time of RUNS and
# the peak RSS (GNU time's %M: the process and the children it waited for).
#
#   .ci/bench-whole.sh [BASE] [SIZES...]     e.g. .ci/bench-whole.sh f43fe3e 10000 100000 1000000
#
# BASE defaults to f43fe3e (main when issue 20's whole-journal work began;
# 7607886 before it did not build). The old binary's journal is made with
# its own demo (its schema); up to 100k the new binary's is that journal
# upgraded, so both exports must hold the same bytes (checked with cmp,
# the exported_at line aside); above, the new demo makes its own. Needs
# git, go and GNU time. REBOUND_BENCH_WHOLE_DIR keeps binaries and journals
# (default /tmp/rebound-bench-whole); RUNS (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-f43fe3e}
[ $# -gt 0 ] && shift
SIZES=${*:-10000 100000}
RUNS=${RUNS:-5}
W=${REBOUND_BENCH_WHOLE_DIR:-/tmp/rebound-bench-whole}
TIME=/usr/bin/time
mkdir -p "$W"

if [ ! -x "$W/old" ] || [ "$(cat "$W/old.commit" 2>/dev/null)" != "$BASE" ]; then
  rm -rf "$W/old-src"
  git worktree add -f --detach "$W/old-src" "$BASE" >/dev/null
  (cd "$W/old-src" && go build -o "$W/old" ./cmd/rebound)
  git worktree remove --force "$W/old-src"
  echo "$BASE" >"$W/old.commit"
fi
go build -o "$W/new" ./cmd/rebound

# run BIN ARGS...: one timed run; prints "seconds KiB" (the wall time from
# bash's clock, to the microsecond; the peak RSS from GNU time).
run() {
  local start end rss
  start=$EPOCHREALTIME
  rss=$("$TIME" -f "%M" "$@" 2>&1 >/dev/null | tail -1)
  end=$EPOCHREALTIME
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}') $rss"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
max() { sort -n | tail -1; }

# wait_backup DIR NAME: the day's backup there, no copy being written.
wait_backup() {
  for _ in $(seq 3000); do
    if [ -f "$1/$2" ] && ! ls "$1"/.rebound-backup-* >/dev/null 2>&1; then return; fi
    sleep 0.1
  done
  echo "no backup in $1" >&2
  exit 1
}

echo "| operation | No's | old (s) | new (s) | old/new | old RSS (MiB) | new RSS (MiB) |"
echo "|---|---|---|---|---|---|---|"
for n in $SIZES; do
  for v in old new; do mkdir -p "$W/$v-$n"; done
  if [ ! -f "$W/old-$n/j.db" ]; then
    "$W/old" --db "$W/old-$n/j.db" demo --nos "$n" --days 1825 --seed 1 >/dev/null
  fi
  if [ ! -f "$W/new-$n/j.db" ]; then
    if [ "$n" -le 100000 ]; then
      cp "$W/old-$n/j.db" "$W/new-$n/j.db"
      "$W/new" --db "$W/new-$n/j.db" journal --print -n 1 >/dev/null 2>&1 # the upgrade
    else
      "$W/new" --db "$W/new-$n/j.db" demo --nos "$n" --days 1825 --seed 1 >/dev/null
    fi
  fi
  today="w-$(date +%Y-%m-%d).db"
  for v in old new; do cp "$W/$v-$n/j.db" "$W/$v-$n/w.db"; done # the writes go to a copy
  for op in export doctor import first-log later-log; do
    for v in old new; do : >"$W/$v.t"; : >"$W/$v.m"; done
    for _ in $(seq "$RUNS"); do
      for v in old new; do
        db="$W/$v-$n/j.db"
        case $op in
        export) r=$(run "$W/$v" --db "$db" export --format json -o "$W/$v-$n/out.json") ;;
        doctor) r=$(run "$W/$v" --db "$db" doctor) ;;
        import) # the old build's export (the same bytes as the new one's) into a new file
          rm -rf "$W/$v-$n/i.db" "$W/$v-$n/backups"
          r=$(run "$W/$v" --db "$W/$v-$n/i.db" import "$W/old-$n/out.json")
          ;;
        first-log)
          rm -rf "$W/$v-$n/backups"
          r=$(run "$W/$v" --db "$W/$v-$n/w.db" log --who "Bench Corp" --reason price --said "Too expensive")
          wait_backup "$W/$v-$n/backups" "$today"
          ;;
        later-log) r=$(run "$W/$v" --db "$W/$v-$n/w.db" log --who "Bench Corp" --reason price --said "Too expensive") ;;
        esac
        echo "${r% *}" >>"$W/$v.t"
        echo "${r#* }" >>"$W/$v.m"
      done
    done
    ot=$(median <"$W/old.t"); nt=$(median <"$W/new.t")
    om=$(max <"$W/old.m"); nm=$(max <"$W/new.m")
    awk -v op="$op" -v n="$n" -v ot="$ot" -v nt="$nt" -v om="$om" -v nm="$nm" 'BEGIN {
      r = (nt > 0) ? sprintf("%.1f", ot / nt) : "—"
      printf "| %s | %d | %.3f | %.3f | %s | %.1f | %.1f |\n", op, n, ot, nt, r, om / 1024, nm / 1024 }'
  done
  if [ "$n" -le 100000 ]; then
    # This round's export adds two keys, empty on a demo journal of the
    # older build: left out, with the comma before them.
    same() { grep -v -e '"exported_at"' -e '^  "experiments": \[\],\?$' -e '^  "reviews": \[\]$' "$1" | sed 's/^  },$/  }/'; }
    if cmp -s <(same "$W/old-$n/out.json") <(same "$W/new-$n/out.json"); then
      echo "|  | $n | export: the same bytes (cmp, exported_at and empty experiments and reviews aside) | | | | |"
      "$W/new" --db "$W/new-$n/i.db" export --format json -o "$W/new-$n/reimported.json" >/dev/null 2>&1
      if cmp -s <(same "$W/old-$n/out.json") <(same "$W/new-$n/reimported.json"); then
        echo "|  | $n | import: what it wrote exports to the same bytes | | | | |"
      else
        echo "|  | $n | import: WHAT IT WROTE EXPORTS DIFFERENTLY | | | | |"
      fi
    else
      echo "|  | $n | export: THE BYTES DIFFER | | | | |"
    fi
  fi
done
