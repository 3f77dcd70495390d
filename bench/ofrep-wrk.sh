#!/usr/bin/env bash
# OFREP single-flag throughput with wrk on loopback: starts FailSmart with the example configuration,
# evaluates one flag for rotating targeting keys, prints wrk's report (requests/s, p50, p99).
#   bench/ofrep-wrk.sh [threads] [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2} connections=${2:-64} seconds=${3:-20}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }

log=$(mktemp)
dotnet run -c Release --project bench/FailSmart.LoadTests -- ofrep-setup >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log" "$script"' EXIT
for _ in $(seq 1 600); do grep -q '^KEY=' "$log" && break; sleep 0.5; done
url=$(grep '^URL=' "$log" | cut -d= -f2-)
key=$(grep '^KEY=' "$log" | cut -d= -f2-)

script=$(mktemp --suffix=.lua)
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
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script" "$url"
