# Sourced by scripts that need a throwaway PostgreSQL cluster on loopback.
# Usage: start_throwaway_postgres <port>  → exports PG_THROWAWAY_URL (Npgsql connection string to db "postgres")
# The cluster is stopped and deleted when the calling script exits.

install_if_missing() {
  local need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  for pkg in "$@"; do
    case "$pkg" in
      chromium) [ -x /usr/bin/chromium ] || need+=(chromium) ;;
      hyperfine) command -v hyperfine >/dev/null || need+=(hyperfine) ;;
    esac
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

start_throwaway_postgres() {
  local port=$1
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DATA=$(mktemp -d /tmp/parley-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DATA"; fi
  pg_as_owner "$PG_BIN/initdb -D $PG_DATA -U postgres --auth=trust -E UTF8 >/dev/null"
  pg_as_owner "$PG_BIN/pg_ctl -D $PG_DATA -l $PG_DATA/server.log -w -o \"-c listen_addresses=127.0.0.1 -p $port -k $PG_DATA -c fsync=off -c max_connections=300\" start >/dev/null"
  trap stop_throwaway_postgres EXIT
  export PG_THROWAWAY_URL="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop_throwaway_postgres() {
  pg_as_owner "$PG_BIN/pg_ctl -D $PG_DATA -m immediate stop >/dev/null" || true
  rm -rf "$PG_DATA"
}

# initdb and postgres refuse to run as root.
pg_as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
