#!/usr/bin/env bash
# Planning a day for N accounts (docs/benchmarks.md, "Outreach planning"): a placement file from the demo generator,
# imported into a fresh SQLite database, then `parley outreach plan` timed with its CPU (/usr/bin/time), twice: the
# first run plans, the second (same day) must plan nothing new.
# Usage: scripts/bench-outreach-plan.sh [accounts, default 1000000] [work folder, default /tmp/parley-plan-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-1000000}
work=${2:-/tmp/parley-plan-bench}
dotnet build -c Release src/Parley.Cli >/dev/null
cli=src/Parley.Cli/bin/Release/net10.0/parley
mkdir -p "$work"
export Database__DataFolder="$work/db"
if [ ! -f "$work/db/imported-$accounts" ]; then
  rm -rf "$work/db"
  mkdir -p "$work/db"
  $cli demo placements --accounts "$accounts" --out "$work/placements.csv"
  $cli demo seed --customers 1 >/dev/null
  /usr/bin/time -f "import: wall %e s, user %U s, sys %S s, peak RSS %M KiB" $cli import "$work/placements.csv" >/dev/null
  touch "$work/db/imported-$accounts"
fi
as_of=${PARLEY_BENCH_AS_OF:-2026-11-02T13:00:00Z}
for run in 1 2; do
  echo "run $run (load at start $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -f "plan: wall %e s, user %U s, sys %S s, peak RSS %M KiB" $cli outreach plan --as-of "$as_of" --out "$work/plan-$run.jsonl"
  echo "lines written: $(wc -l < "$work/plan-$run.jsonl")"
done
