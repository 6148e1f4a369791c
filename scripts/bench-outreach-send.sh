#!/usr/bin/env bash
# Sending end to end (docs/benchmarks.md, "Outreach: sending end to end"): a database planned by
# scripts/bench-outreach-plan.sh (copied, so the plan stays), then SendDueContacts — claim, the gate's re-check,
# render, record, hand to the SMTP sender — to a minimal SMTP server on loopback, timed with its CPU; the send-time
# re-check's p50/p95/p99 come from the sender's own histogram (parley.outreach.send.recheck).
# Usage: scripts/bench-outreach-send.sh [e-mails, default 2000] [planned work folder, default /tmp/parley-plan-bench]
# PostgreSQL: PARLEY_BENCH_PG=<Npgsql connection string> runs against that database instead (a fresh restore of a
# planned one, e.g. `parley import` + `parley outreach plan` with Database__Provider=Postgres, then pg_dump/pg_restore).
# PARLEY_BENCH_WARMUP=<e-mails> sends that many of them first, untimed (the JIT settles), and times the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
emails=${1:-2000}
work=${2:-/tmp/parley-plan-bench}
dotnet build -c Release bench/Parley.OutreachBench >/dev/null
if [ -n "${PARLEY_BENCH_PG:-}" ]; then
  echo "load at start $(cut -d' ' -f1-3 /proc/loadavg)"
  Database__Provider=Postgres ConnectionStrings__Parley="$PARLEY_BENCH_PG" /usr/bin/time -f "send: wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
    bench/Parley.OutreachBench/bin/Release/net10.0/Parley.OutreachBench send "${PARLEY_BENCH_SEND_AT:-2026-11-02T19:00:00Z}" "$emails" "${PARLEY_BENCH_WARMUP:-0}"
  exit 0
fi
rm -rf "$work/send-db"
cp -r "$work/db" "$work/send-db"
echo "load at start $(cut -d' ' -f1-3 /proc/loadavg)"
# The plan's day is 2026-11-02 from 13:00 UTC; at 19:00 UTC every US customer is inside the law's hours.
Database__DataFolder="$work/send-db" /usr/bin/time -f "send: wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
  bench/Parley.OutreachBench/bin/Release/net10.0/Parley.OutreachBench send "${PARLEY_BENCH_SEND_AT:-2026-11-02T19:00:00Z}" "$emails" "${PARLEY_BENCH_WARMUP:-0}"
