#!/usr/bin/env bash
# OFREP single-flag throughput with wrk on loopback: starts FailSmart with the example configuration,
# evaluates one flag for rotating targeting keys, prints wrk's report (requests/s, p50, p99) and the
# server's own CPU time, so the rate can be stated per core of the server.
#   bench/ofrep-wrk.sh [threads] [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1} connections=${2:-32} seconds=${3:-20}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release bench/FailSmart.LoadTests -v q -nologo >/dev/null
log=$(mktemp)
script=$(mktemp --suffix=.lua)
bench/FailSmart.LoadTests/bin/Release/net10.0/FailSmart.LoadTests ofrep-setup >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$log" "$script"' EXIT
for _ in $(seq 1 600); do grep -q '^KEY=' "$log" && break; sleep 0.5; done
url=$(grep '^URL=' "$log" | cut -d= -f2-)
key=$(grep '^KEY=' "$log" | cut -d= -f2-)

cat >"$script" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"context":{"targetingKey":"user-' .. (n % 100000) .. '","country":"SE","appVersion":"4.3.0"}}')
end
LUA

# Warm up (JIT, connection pools), then measure.
wrk -t"$threads" -c"$connections" -d5s -s "$script" "$url" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks=$(getconf CLK_TCK)
before=$(cpu)
report=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script" "$url")
after=$(cpu)
echo "$report"
rate=$(echo "$report" | awk '/^Requests\/sec/ {print $2}')
awk -v b="$before" -v a="$after" -v t="$ticks" -v s="$seconds" -v r="$rate" 'BEGIN {
  cores = (a - b) / t / s
  printf "Server CPU: %.2f cores busy on average; %.0f requests/s per server core\n", cores, r / cores
}'
