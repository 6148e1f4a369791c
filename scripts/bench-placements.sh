#!/usr/bin/env bash
# Ledger placements (bench/Parley.PlacementsBench) on SQLite and PostgreSQL, repeated, with the CPU time each run cost:
# the bench process's user + sys (/usr/bin/time) and, on PostgreSQL, the whole throwaway cluster's (postmaster, its
# live children and the backends it reaped, from /proc/<pid>/stat). CPU time stays meaningful when others share the
# machine; the wall-clock figures the bench prints do not, so each run also prints the load average at its start.
# Usage: scripts/bench-placements.sh [accounts] [runs] [port] [bench dll ...] [-- providers]
#   bench dll defaults to this tree's Release build (built first); give other trees' builds to compare them: with
#   several, each run alternates them (A, B, A, B, …) per provider, so the machine's load falls on all alike.
#   providers defaults to "sqlite postgres".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh
accounts=${1:-100000}
runs=${2:-3}
port=${3:-55434}
shift $(( $# < 3 ? $# : 3 ))
dlls=()
providers=(sqlite postgres)
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; providers=("$@"); break; fi
  dlls+=("$1"); shift
done
if [ ${#dlls[@]} -eq 0 ]; then
  dotnet build -c Release bench/Parley.PlacementsBench >/dev/null
  dlls=(bench/Parley.PlacementsBench/bin/Release/net10.0/Parley.PlacementsBench.dll)
fi

install_if_missing
start_throwaway_postgres "$port"
ticks=$(getconf CLK_TCK)
postmaster=$(head -n 1 "$PG_DATA/postmaster.pid")
# The bench then reports the cluster's CPU per phase (opening, restating) as well.
export PARLEY_BENCH_POSTMASTER=$postmaster
# utime + stime (+ reaped children's) of the postmaster, plus utime + stime of its live children, in ticks.
cluster_ticks() {
  local total
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for child in $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

for run in $(seq 1 "$runs"); do
  for provider in "${providers[@]}"; do
    for dll in "${dlls[@]}"; do
      load=$(cut -d' ' -f1-3 /proc/loadavg)
      before=$(cluster_ticks)
      out=$(/usr/bin/time -f "client_cpu=%U+%S" -o /tmp/parley-bench-time.$$ \
        dotnet "$dll" "$provider" --accounts "$accounts" --server "$PG_THROWAWAY_URL")
      sleep 1
      after=$(cluster_ticks)
      client=$(sed -n 's/^client_cpu=//p' /tmp/parley-bench-time.$$)
      server=$(awk -v d=$((after - before)) -v t="$ticks" 'BEGIN { printf "%.2f", d / t }')
      echo "run $run $provider $dll: $out; client CPU ${client}s, PostgreSQL CPU ${server}s, load at start $load"
    done
  done
done
rm -f /tmp/parley-bench-time.$$
