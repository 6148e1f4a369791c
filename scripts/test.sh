#!/usr/bin/env bash
# Runs Parley's whole test suite with its real dependencies: a throwaway PostgreSQL cluster on loopback and
# Debian's Chromium for the browser test. Installs them with apt-get when missing (needs root, as on CI).
# Prints "N passed, N failed" as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. scripts/lib/postgres.sh

install_if_missing chromium
# The API tests run pinned tools: the Kiota client generator (a local dotnet tool) and Redocly's linter (npm).
dotnet tool restore
npm ci --prefix tools/openapi-lint --no-audit --no-fund
start_throwaway_postgres "${PARLEY_TEST_PG_PORT:-55432}"

export PARLEY_TEST_POSTGRES="$PG_THROWAWAY_URL;Include Error Detail=true"
export PARLEY_TEST_CHROMIUM=/usr/bin/chromium

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
