# ClickHouse for the event-store conformance suite.
# Debian ships 18.16 (clickhouse-server); a fresh server is made per run in a temporary folder, owned by
# the unprivileged clickhouse user, listening on 127.0.0.1 only, with a passwordless default user.
# FAILSMART_CLICKHOUSE_MAX_MEMORY (bytes per query, default 4 GB) can be raised for full-size benchmarks.

clickhouse_start() {
  if ! command -v clickhouse-server >/dev/null 2>&1; then
    apt_install clickhouse-server
  fi
  CH_DIR=$(mktemp -d /tmp/failsmart-ch.XXXXXX)
  CH_HTTP_PORT=$(free_port)
  local tcp_port
  tcp_port=$(free_port)
  mkdir -p "$CH_DIR/data" "$CH_DIR/tmp" "$CH_DIR/user_files" "$CH_DIR/format_schemas"
  cat >"$CH_DIR/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$CH_DIR/server.log</log><errorlog>$CH_DIR/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$CH_HTTP_PORT</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <path>$CH_DIR/data/</path>
  <tmp_path>$CH_DIR/tmp/</tmp_path>
  <user_files_path>$CH_DIR/user_files/</user_files_path>
  <format_schema_path>$CH_DIR/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <users_config>$CH_DIR/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
</yandex>
XML
  cat >"$CH_DIR/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>${FAILSMART_CLICKHOUSE_MAX_MEMORY:-4000000000}</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
XML
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    chown -R clickhouse: "$CH_DIR"
    runas=(runuser -u clickhouse --)
  fi
  "${runas[@]}" clickhouse-server --config-file="$CH_DIR/config.xml" >"$CH_DIR/stdout.log" 2>&1 &
  CH_PID=$!
  if ! wait_for curl -fsS "http://127.0.0.1:$CH_HTTP_PORT/ping"; then
    cat "$CH_DIR/stdout.log" "$CH_DIR/error.log" >&2 2>/dev/null || true
    clickhouse_stop
    return 1
  fi
  export FAILSMART_TEST_CLICKHOUSE="http://127.0.0.1:$CH_HTTP_PORT"
  echo "   ClickHouse ($(curl -fsS "$FAILSMART_TEST_CLICKHOUSE/?query=SELECT%20version()")) on $FAILSMART_TEST_CLICKHOUSE"
}

clickhouse_stop() {
  [ -n "${CH_DIR:-}" ] || return 0
  if [ -n "${CH_PID:-}" ]; then
    kill "$CH_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 60); do
      kill -0 "$CH_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$CH_PID" 2>/dev/null || true
  fi
  rm -rf "$CH_DIR"
  unset FAILSMART_TEST_CLICKHOUSE CH_DIR CH_PID CH_HTTP_PORT
}
