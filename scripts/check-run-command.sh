#!/usr/bin/env bash
# The first hour, checked: runs the README's run command exactly as written (read from README.md) from the clone,
# waits for /health/ready and fetches the sign-in page and every stylesheet and script it references; then publishes
# the host and starts it with ASPNETCORE_ENVIRONMENT=Production and checks the same. Fails loudly, with the host's
# output, when any answer is not 200. The README's data folder (src/Parley.Web/data) is removed afterwards; one that
# existed before is put back untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
data="$root/src/Parley.Web/data"
host_group=""

cleanup() {
  if [ -n "$host_group" ]; then kill -TERM -- "-$host_group" 2>/dev/null || true; wait "$host_group" 2>/dev/null || true; fi
  rm -rf "$data"
  if [ -d "$work/saved-data" ]; then mv "$work/saved-data" "$data"; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "check-run-command: FAILED: $*" >&2
  if [ -f "$work/host.log" ]; then echo "--- host output ---" >&2; cat "$work/host.log" >&2; fi
  exit 1
}

# Starts "$@" in its own process group (so stopping it stops dotnet run's child too), output to host.log.
start_host() {
  : >"$work/host.log"
  setsid "$@" >"$work/host.log" 2>&1 &
  host_group=$!
}

stop_host() {
  kill -TERM -- "-$host_group" 2>/dev/null || true
  wait "$host_group" 2>/dev/null || true
  host_group=""
}

# Waits until the host logs "Ready: open <address>" and /health/ready answers; prints the address.
wait_ready() {
  local timeout=$1 address="" waited=0
  while [ "$waited" -lt "$timeout" ]; do
    kill -0 "$host_group" 2>/dev/null || fail "the host exited before it was ready"
    address=$(sed -n 's/.*Ready: open \(http:[^ ]*\).*/\1/p' "$work/host.log" | head -n 1)
    if [ -n "$address" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$address/health/ready")" = 200 ]; then
      echo "$address"
      return
    fi
    sleep 1; waited=$((waited + 1))
  done
  fail "not ready after ${timeout}s"
}

# GETs a path; fails unless it answers 200 with the expected content type and a body.
fetch() {
  local base=$1 path=$2 type=$3 out
  out=$(curl -s -o "$work/body" -w '%{http_code} %{content_type}' "$base/$path") || fail "GET /$path: no answer"
  case "$out" in
    "200 $type"*) ;;
    *) fail "GET /$path answered '$out', expected 200 $type: $(head -c 400 "$work/body")" ;;
  esac
  [ -s "$work/body" ] || fail "GET /$path answered an empty body"
}

# The sign-in page, and every stylesheet and script it references.
check_ui() {
  local base=$1 name=$2 assets
  fetch "$base" health/ready text/plain
  fetch "$base" account/signin text/html
  cp "$work/body" "$work/signin.html"
  assets=$(grep -oE '<link rel="stylesheet" href="[^"]+"|<script src="[^"]+"' "$work/signin.html" | sed -E 's/.*"([^"]+)"$/\1/')
  grep -q 'MudBlazor.*\.css' <<<"$assets" || fail "$name: the sign-in page references no MudBlazor stylesheet"
  grep -q '_framework/blazor.web.js' <<<"$assets" || fail "$name: the sign-in page references no blazor.web.js"
  for asset in $assets; do
    case "$asset" in
      *.css) fetch "$base" "$asset" text/css ;;
      *.js) fetch "$base" "$asset" text/javascript ;;
    esac
    echo "  $name: 200 /$asset ($(stat -c %s "$work/body") bytes)"
  done
}

# 1. The README's command, exactly as written.
command=$(awk '/^## Set up on a fresh machine/ { section = 1 } section && /^dotnet run --project src\/Parley.Web/ { print; exit }' README.md)
[ -n "$command" ] || fail "no 'dotnet run --project src/Parley.Web' command under '## Set up on a fresh machine' in README.md"
url=$(grep -oE -- '--urls [^ ]+' <<<"$command" | cut -d' ' -f2)
if curl -s -o /dev/null "$url"; then fail "something already answers at $url; stop it first"; fi
if [ -d "$data" ]; then mv "$data" "$work/saved-data"; fi
echo "check-run-command: $command"
started=$SECONDS
start_host bash -c "$command"
address=$(wait_ready 900)
echo "check-run-command: ready at $address after $((SECONDS - started))s (build included)"
check_ui "$address" "dotnet run"
grep -q "Seeded .* accounts" "$work/host.log" || fail "the README's command did not seed the demo portfolio"
stop_host

# 2. Published, in Production (the build above is reused; no demo data needed to serve the UI).
echo "check-run-command: dotnet publish src/Parley.Web, then ASPNETCORE_ENVIRONMENT=Production"
dotnet publish src/Parley.Web --configuration Debug --no-build -o "$work/publish" -v quiet -nologo >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; fail "dotnet publish"; }
mkdir -p "$work/published-data"
start_host env -C "$work/publish" ASPNETCORE_ENVIRONMENT=Production dotnet Parley.Web.dll --urls http://127.0.0.1:0 "--Database:DataFolder=$work/published-data"
address=$(wait_ready 300)
check_ui "$address" "published"
stop_host
echo "check-run-command: the README's run command and the published host serve the UI"
