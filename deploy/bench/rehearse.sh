#!/usr/bin/env bash
# Rehearsal speed: runs the command users run, `./ferry rehearse MIGRATION --faults all`, and reports
# wall and CPU time (user + system, the embedded PostgreSQL's processes included) per run. With
# --before DIR it first runs the same command from DIR (another checkout of Ferry, e.g. an older
# commit unpacked with `git archive <commit> | tar -x -C DIR`), back to back, and prints the ratios.
#
#   deploy/bench/rehearse.sh [--before DIR] [--repeat N] [MIGRATION]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
before=""
repeat=1
migration="postgres-schema-upgrade"
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$(cd "$2" && pwd)"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) migration="$1"; shift ;;
  esac
done

# One measured rehearsal from tree $1; prints "runs wall_s cpu_s".
measure() {
  local tree="$1" out times
  out="$(mktemp)"; times="$(mktemp)"
  "$tree/ferry" --help >/dev/null 2>&1 || true   # builds the CLI when its sources changed, outside the measurement
  if ! /usr/bin/time -f "%e %U %S" -o "$times" "$tree/ferry" rehearse "$migration" --faults all >"$out" 2>&1; then
    echo "rehearse failed in $tree:" >&2; tail -5 "$out" >&2; exit 1
  fi
  local runs
  runs="$(grep -Eo '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -1 | awk '{print $1 + $3}')"
  read -r wall user sys <"$times"
  echo "$runs $wall $(echo "$user + $sys" | bc)"
  rm -f "$out" "$times"
}

report() {
  local label="$1" runs="$2" wall="$3" cpu="$4"
  printf '%-7s %3d runs  wall %7.1f s  %6.3f s/run   cpu %6.1f s  %6.3f s/run\n' "$label" "$runs" "$wall" \
    "$(echo "$wall / $runs" | bc -l)" "$cpu" "$(echo "$cpu / $runs" | bc -l)"
}

echo "ferry rehearse $migration --faults all; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$repeat"); do
  if [ -n "$before" ]; then
    read -r b_runs b_wall b_cpu < <(measure "$before")
    report before "$b_runs" "$b_wall" "$b_cpu"
  fi
  read -r a_runs a_wall a_cpu < <(measure "$root")
  report this "$a_runs" "$a_wall" "$a_cpu"
  if [ -n "$before" ]; then
    printf 'per run: wall %.2fx faster, cpu %.2fx less (load now %s)\n' \
      "$(echo "($b_wall / $b_runs) / ($a_wall / $a_runs)" | bc -l)" \
      "$(echo "($b_cpu / $b_runs) / ($a_cpu / $a_runs)" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
  fi
done
