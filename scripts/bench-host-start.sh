#!/usr/bin/env bash
# Start-up time of a published web host (`dotnet publish src/Parley.Web -c Release -o DIR`) with the SQLite default:
# seconds from starting `dotnet DIR/Parley.Web.dll` to /health/ready answering 200. Each run first starts on an empty
# data folder (migrations, the shipped models registered), then restarts on the data that start left. It prints the
# host's CPU time to ready beside the wall time.
# Usage: scripts/bench-host-start.sh DIR [RUNS=3] [PORT=5446]
set -euo pipefail
dir=$(cd "$1" && pwd)
runs=${2:-3}
port=${3:-5446}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

ready_after() {
  local started pid seconds cpu
  started=$(date +%s.%N)
  # The content root is the publish folder, as in a deployment; the data folder is a throwaway one.
  dotnet "$dir/Parley.Web.dll" --contentRoot "$dir" --urls "http://127.0.0.1:$port" --Database:DataFolder="$data" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then break; fi
    sleep 0.05
  done
  seconds=$(echo "$(date +%s.%N) - $started" | bc)
  curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" || { kill "$pid"; echo "not ready" >&2; exit 1; }
  # The host's CPU time to be ready (utime + stime, fields 14 and 15, in clock ticks): steadier than wall time on a busy machine.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%.2f s (%s s CPU)' "$seconds" "$cpu"
}

echo "published size: $(du -sh "$dir" | cut -f1)"
for run in $(seq 1 "$runs"); do
  rm -rf "${data:?}"/*
  first=$(ready_after)
  again=$(ready_after)
  echo "run $run: empty data folder ${first}, restart ${again} (load $(cut -d' ' -f1-3 /proc/loadavg))"
done
