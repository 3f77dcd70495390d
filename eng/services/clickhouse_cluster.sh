# The two-shard ClickHouse cluster; its start and stop live beside the single server in clickhouse.sh.
# shellcheck source=eng/services/clickhouse.sh
source "$(dirname "${BASH_SOURCE[0]}")/clickhouse.sh"
