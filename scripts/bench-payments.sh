#!/usr/bin/env bash
# Payment API load on PostgreSQL: seeds a demo portfolio, starts the web host (Release) on loopback and runs
# bench/Parley.PaymentsLoad with 32 concurrent clients. Usage: scripts/bench-payments.sh [seconds] [customers]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh
seconds=${1:-30}
customers=${2:-3000}

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
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet src/Parley.Web/bin/Release/net10.0/Parley.Web.dll --urls http://127.0.0.1:5090 \
  --Parley:Bootstrap:AdminEmail="$email" --Parley:Bootstrap:AdminPassword="$password" &
web=$!
trap 'kill $web 2>/dev/null || true; stop_throwaway_postgres' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5090/health/ready >/dev/null && break; sleep 0.5; done
curl -sf http://127.0.0.1:5090/health/ready >/dev/null || { echo "The web host did not become ready." >&2; exit 1; }
uptime

dotnet bench/Parley.PaymentsLoad/bin/Release/net10.0/Parley.PaymentsLoad.dll http://127.0.0.1:5090 "$email" "$password" --clients 5 --seconds 5 >/dev/null || true
dotnet bench/Parley.PaymentsLoad/bin/Release/net10.0/Parley.PaymentsLoad.dll http://127.0.0.1:5090 "$email" "$password" --clients 32 --seconds "$seconds"
