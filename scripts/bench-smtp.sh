#!/usr/bin/env bash
# Throughput of the e-mail sender alone (compose with MimeKit + send over pooled MailKit connections) to an SMTP
# server on loopback in the same process (bench/Parley.SmtpBench). The issue's target, 500 e-mails/s, is for the whole
# send pipeline; this is its SMTP part.
# Usage: scripts/bench-smtp.sh [messages] [concurrent senders]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Parley.SmtpBench >/dev/null
dotnet bench/Parley.SmtpBench/bin/Release/net10.0/Parley.SmtpBench.dll "${1:-5000}" "${2:-4}"
