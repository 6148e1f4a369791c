#!/usr/bin/env bash
# Payment API load on PostgreSQL: seeds a demo portfolio, starts the web host (Release) on loopback and runs
# bench/Parley.PaymentsLoad with 32 concurrent clients, then prints the CPU time per payment of the web host and of the
# PostgreSQL server (from /proc/<pid>/stat), which stays meaningful when others share the machine.
# Usage: scripts/bench-payments.sh [seconds] [customers] [warm-up seconds]; PARLEY_BENCH_TRACE=<file.nettrace> also
# records a thread-time sample trace of the web host during the measured run (dotnet-trace, a local tool).
# The warm-up (default 60 s) lets tiered compilation settle: on a busy 2-core machine the JIT was still re-compiling
# hot methods 40 s into the load and took half of the host's CPU, which is start-up cost, not the cost of a payment.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh
seconds=${1:-30}
customers=${2:-3000}
warmup=${3:-60}

install_if_missing
start_throwaway_postgres 55434
export Database__Provider=Postgres
export ConnectionStrings__Parley="Host=127.0.0.1;Port=55434;Username=postgres;Database=parley_bench"
pg_as_owner "$PG_BIN/createdb -h 127.0.0.1 -p 55434 -U postgres parley_bench"

dotnet build -c Release src/Parley.Cli >/dev/null
dotnet build -c Release src/Parley.Web >/dev/null
dotnet build -c Release bench/Parley.PaymentsLoad >/dev/null
cli=src/Parley.Cli/bin/Release/net10.0/parley
"$cli" db migrate
"$cli" demo seed --customers "$customers"

email=bench@parley.local password='Bench-Load-2026!'
# The content root is the build output, as in a deployment: its appsettings.json sets the log levels.
ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Parley.Web/bin/Release/net10.0/Parley.Web.dll --contentRoot "$PWD/src/Parley.Web/bin/Release/net10.0" --urls http://127.0.0.1:5090 \
  --Parley:Bootstrap:AdminEmail="$email" --Parley:Bootstrap:AdminPassword="$password" &
web=$!
# Wait for the host to stop before its database goes, so no host outlives the run (INT and TERM end the run too).
trap 'kill $web 2>/dev/null && wait $web 2>/dev/null; stop_throwaway_postgres' EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5090/health/ready >/dev/null && break; sleep 0.5; done
curl -sf http://127.0.0.1:5090/health/ready >/dev/null || { echo "The web host did not become ready." >&2; exit 1; }
uptime

dotnet bench/Parley.PaymentsLoad/bin/Release/net10.0/Parley.PaymentsLoad.dll http://127.0.0.1:5090 "$email" "$password" --clients 32 --seconds "$warmup" >/dev/null || true
# utime + stime in clock ticks: fields 14 and 15 of /proc/<pid>/stat (the name in field 2 has no spaces here).
cpu_ticks() { local t=0 pid; for pid in "$@"; do [ -r "/proc/$pid/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo $t; }
# The server's total: the postmaster with its reaped children (fields 16, 17) plus every live backend.
postgres_ticks() {
  local main; main=$(head -n 1 "$PG_DATA/postmaster.pid")
  echo $(( $(awk '{print $16 + $17}' "/proc/$main/stat") + $(cpu_ticks "$main" $(pgrep -P "$main")) ))
}

trace_pid=
if [ -n "${PARLEY_BENCH_TRACE:-}" ]; then
  dotnet tool restore >/dev/null
  dotnet dotnet-trace collect -p "$web" --profile dotnet-sampled-thread-time -o "$PARLEY_BENCH_TRACE" --duration "00:00:00:$seconds" >/dev/null &
  trace_pid=$!
  sleep 2
fi

# CPU is counted from the moment the client has its token and account list until it has finished.
out=$(mktemp)
dotnet bench/Parley.PaymentsLoad/bin/Release/net10.0/Parley.PaymentsLoad.dll http://127.0.0.1:5090 "$email" "$password" --clients 32 --seconds "$seconds" >"$out" &
load=$!
until grep -q ' accounts, ' "$out" || ! kill -0 $load 2>/dev/null; do sleep 0.05; done
web_before=$(cpu_ticks "$web")
pg_before=$(postgres_ticks)
status=0
wait $load || status=$?
web_after=$(cpu_ticks "$web")
pg_after=$(postgres_ticks)
cat "$out"
[ -z "$trace_pid" ] || wait "$trace_pid" || true
requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' "$out")
rm -f "$out"
hz=$(getconf CLK_TCK)
awk -v w=$((web_after - web_before)) -v p=$((pg_after - pg_before)) -v n="$requests" -v hz="$hz" 'BEGIN {
  printf "cpu: web host %.1f s (%.2f ms/payment), postgres %.1f s (%.2f ms/payment)\n", w / hz, 1000 * w / hz / n, p / hz, 1000 * p / hz / n }'
uptime
exit $status
