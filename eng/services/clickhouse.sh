# ClickHouse for the event-store conformance suite: one server, and a cluster of two shards.
# Debian ships 18.16 (clickhouse-server); a fresh server is made per run in a temporary folder, owned by
# the unprivileged clickhouse user, listening on 127.0.0.1 only, with a passwordless default user.
# FAILSMART_CLICKHOUSE_MAX_MEMORY (bytes per query, default 4 GB) can be raised for full-size benchmarks.

# clickhouse_server_run DIR HTTP_PORT TCP_PORT [EXTRA_XML]: writes a server's configuration into DIR,
# starts it in the background and waits until it answers; sets CH_STARTED_PID.
clickhouse_server_run() {
  local dir=$1 http_port=$2 tcp_port=$3 extra=${4:-}
  if ! command -v clickhouse-server >/dev/null 2>&1; then
    apt_install clickhouse-server
  fi
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas"
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http_port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
$extra
</yandex>
XML
  cat >"$dir/users.xml" <<XML
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
    chown -R clickhouse: "$dir"
    runas=(runuser -u clickhouse --)
  fi
  "${runas[@]}" clickhouse-server --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 &
  CH_STARTED_PID=$!
  if ! wait_for curl -fsS "http://127.0.0.1:$http_port/ping"; then
    cat "$dir/stdout.log" "$dir/error.log" >&2 2>/dev/null || true
    return 1
  fi
}

# clickhouse_server_stop PID DIR: stops a server started by clickhouse_server_run and removes its folder.
clickhouse_server_stop() {
  local pid=$1 dir=$2
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  [ -z "$dir" ] || rm -rf "$dir"
}

clickhouse_start() {
  CH_DIR=$(mktemp -d /tmp/failsmart-ch.XXXXXX)
  CH_HTTP_PORT=$(free_port)
  if ! clickhouse_server_run "$CH_DIR" "$CH_HTTP_PORT" "$(free_port)"; then
    CH_PID=${CH_STARTED_PID:-}
    clickhouse_stop
    return 1
  fi
  CH_PID=$CH_STARTED_PID
  export FAILSMART_TEST_CLICKHOUSE="http://127.0.0.1:$CH_HTTP_PORT"
  echo "   ClickHouse ($(curl -fsS "$FAILSMART_TEST_CLICKHOUSE/?query=SELECT%20version()")) on $FAILSMART_TEST_CLICKHOUSE"
}

clickhouse_stop() {
  [ -n "${CH_DIR:-}" ] || return 0
  clickhouse_server_stop "${CH_PID:-}" "$CH_DIR"
  unset FAILSMART_TEST_CLICKHOUSE CH_DIR CH_PID CH_HTTP_PORT
}

# A cluster named failsmart of two shards, one server each, that know each other through remote_servers
# (no ZooKeeper: FailSmart creates its tables on each shard itself). Exports
# FAILSMART_TEST_CLICKHOUSE_CLUSTER as the two shards' HTTP addresses, comma-separated; the first is the
# one to send queries to.
clickhouse_cluster_start() {
  local http1 http2 tcp1 tcp2
  http1=$(free_port); tcp1=$(free_port); http2=$(free_port); tcp2=$(free_port)
  local shards="<remote_servers><failsmart>
    <shard><replica><host>127.0.0.1</host><port>$tcp1</port></replica></shard>
    <shard><replica><host>127.0.0.1</host><port>$tcp2</port></replica></shard>
  </failsmart></remote_servers>"
  CH_CLUSTER_DIRS=("$(mktemp -d /tmp/failsmart-ch1.XXXXXX)" "$(mktemp -d /tmp/failsmart-ch2.XXXXXX)")
  CH_CLUSTER_PIDS=()
  local i ports=("$http1 $tcp1" "$http2 $tcp2")
  for i in 0 1; do
    # shellcheck disable=SC2086
    if ! clickhouse_server_run "${CH_CLUSTER_DIRS[$i]}" ${ports[$i]} "$shards"; then
      CH_CLUSTER_PIDS+=("${CH_STARTED_PID:-}")
      clickhouse_cluster_stop
      return 1
    fi
    CH_CLUSTER_PIDS+=("$CH_STARTED_PID")
  done
  export FAILSMART_TEST_CLICKHOUSE_CLUSTER="http://127.0.0.1:$http1,http://127.0.0.1:$http2"
  echo "   ClickHouse cluster failsmart of two shards on $FAILSMART_TEST_CLICKHOUSE_CLUSTER"
}

clickhouse_cluster_stop() {
  local i
  for i in "${!CH_CLUSTER_DIRS[@]}"; do
    clickhouse_server_stop "${CH_CLUSTER_PIDS[$i]:-}" "${CH_CLUSTER_DIRS[$i]}"
  done
  CH_CLUSTER_DIRS=()
  CH_CLUSTER_PIDS=()
  unset FAILSMART_TEST_CLICKHOUSE_CLUSTER
}
