# PostgreSQL 15 for the configuration-store conformance suite.
# Debian ships it on the machine image but not running; a fresh cluster is made per run, owned by the
# unprivileged postgres user, listening on 127.0.0.1 only.

postgres_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    apt_install postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  PG_BIN="$bin"
  PG_DIR=$(mktemp -d /tmp/failsmart-pg.XXXXXX)
  PG_PORT=$(free_port)
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_DIR"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U failsmart -A trust --no-sync -E UTF8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${runas[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null ||
    { cat "$PG_DIR/server.log" >&2; return 1; }
  export FAILSMART_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=failsmart;Database=postgres"
  echo "   PostgreSQL ($("$PG_BIN/postgres" --version | awk '{print $3}')) on 127.0.0.1:$PG_PORT"
}

postgres_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local runas=()
  [ "$(id -u)" -eq 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset FAILSMART_TEST_POSTGRES PG_DIR
}
