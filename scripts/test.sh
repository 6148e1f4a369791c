#!/usr/bin/env bash
# Runs Parley's whole test suite with its real dependencies: a throwaway PostgreSQL cluster on loopback and
# Debian's Chromium for the browser test. Installs them with apt-get when missing (needs root, as on CI).
# Prints "N passed, N failed" as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdata=$(mktemp -d /tmp/parley-pg.XXXXXX)
pgport=${PARLEY_TEST_PG_PORT:-55432}
run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pgdata"
run_pg "$pgbin/initdb -D $pgdata -U postgres --auth=trust -E UTF8 >/dev/null"
run_pg "$pgbin/pg_ctl -D $pgdata -l $pgdata/server.log -w -o \"-c listen_addresses=127.0.0.1 -p $pgport -k $pgdata -c fsync=off -c max_connections=300\" start >/dev/null"
trap 'run_pg "$pgbin/pg_ctl -D $pgdata -m immediate stop >/dev/null" || true; rm -rf "$pgdata"' EXIT

export PARLEY_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Include Error Detail=true"
export PARLEY_TEST_CHROMIUM=/usr/bin/chromium
export PARLEY_TEST_REQUIRE_ALL=true

results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test Parley.slnx --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
