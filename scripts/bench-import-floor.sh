#!/usr/bin/env bash
# The databases' own cost of storing imported accounts, with no Parley code running: the rows an import wrote are
# copied into an empty schema with the same tables and indexes, and the database engine's CPU time is reported.
# It is the floor under the import's throughput on this machine (docs/benchmarks.md, "The floor").
#
# Usage:
#   scripts/bench-import-floor.sh sqlite <imported parley.db> [page size, default 4096]
#   scripts/bench-import-floor.sh postgres <host> <port> <user> <imported database>   (local server only: the
#       backend's CPU is read from /proc; needs superuser for server-side COPY files)
set -euo pipefail
tables="accounts_customers accounts_addresses accounts_phones accounts_emails accounts_accounts payments_ledger_accounts payments_ledger_entries"
work=$(mktemp -d /tmp/import-floor.XXXXXX)
chmod 777 "$work"
trap 'rm -rf "$work"' EXIT

case "${1:?usage: see the header}" in
sqlite)
  source_db=${2:?imported parley.db}
  page_size=${3:-4096}
  accounts=$(sqlite3 "$source_db" "SELECT count(*) FROM accounts_accounts")
  { echo "PRAGMA page_size=$page_size; PRAGMA journal_mode=WAL;"
    sqlite3 "$source_db" .schema | grep -v -e sqlite_sequence -e sqlite_stat; } | sqlite3 "$work/floor.db" >/dev/null
  { echo "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; ATTACH '$source_db' AS src;"
    echo "INSERT INTO main.accounts_creditors SELECT * FROM src.accounts_creditors;"
    echo "BEGIN;"
    for t in $tables; do echo "INSERT INTO main.$t SELECT * FROM src.$t ORDER BY rowid;"; done
    echo "COMMIT;"; } > "$work/copy.sql"
  cpu=$( { /usr/bin/time -f '%U %S %e' sqlite3 "$work/floor.db" < "$work/copy.sql" >/dev/null; } 2>&1 | tail -1)
  read -r user sys wall <<<"$cpu"
  ;;
postgres)
  host=${2:?host}; port=${3:?port}; user_name=${4:?user}; source_db=${5:?imported database}
  psql_() { psql -h "$host" -p "$port" -U "$user_name" -v ON_ERROR_STOP=1 -qAt "$@"; }
  floor_db="import_floor_$$"
  accounts=$(psql_ -d "$source_db" -c "SELECT count(*) FROM accounts_accounts")
  psql_ -d postgres -c "CREATE DATABASE $floor_db" >/dev/null
  trap 'psql_ -d postgres -c "DROP DATABASE IF EXISTS $floor_db" >/dev/null; rm -rf "$work"' EXIT
  pg_dump -h "$host" -p "$port" -U "$user_name" -s "$source_db" | psql_ -d "$floor_db" >/dev/null
  for t in accounts_creditors $tables; do psql_ -d "$source_db" -c "COPY $t TO '$work/$t.bin' (FORMAT binary)"; done
  { echo "\\o $work/pid"; echo "SELECT pg_backend_pid();"; echo "\\o"
    echo "\\! cat /proc/\$(cat $work/pid)/stat > $work/before"
    echo "BEGIN; SET LOCAL session_replication_role = replica;"
    for t in accounts_creditors $tables; do echo "COPY $t FROM '$work/$t.bin' (FORMAT binary);"; done
    echo "COMMIT;"
    echo "\\! cat /proc/\$(cat $work/pid)/stat > $work/after"; } > "$work/copy.sql"
  start=$(date +%s.%N)
  psql_ -d "$floor_db" -f "$work/copy.sql" >/dev/null
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  ticks=$(getconf CLK_TCK)
  read -r u0 s0 < <(awk '{print $14, $15}' "$work/before")
  read -r u1 s1 < <(awk '{print $14, $15}' "$work/after")
  user=$(echo "scale=2; ($u1 - $u0) / $ticks" | bc); sys=$(echo "scale=2; ($s1 - $s0) / $ticks" | bc)
  ;;
*) echo "usage: see the header of $0" >&2; exit 2 ;;
esac

per_account=$(echo "scale=1; ($user + $sys) * 1000000 / $accounts" | bc)
echo "$1 floor: $accounts accounts, ${user} s user + ${sys} s sys (${wall} s wall) = ${per_account} µs of CPU per account; load $(cut -d' ' -f1-3 /proc/loadavg)"
