#!/usr/bin/env bash
# FailSmart's one build script.
#
#   ./build.sh test    Install and start what the test suite needs (only what is missing), build with
#                      warnings as errors, pack the NuGet packages into artifacts/packages, run every
#                      test, stop what it started. The last line is the
#                      summary "N passed, N failed, N skipped"; the exit code is non-zero on any failure.
#   ./build.sh run     Run FailSmart with embedded stores at http://localhost:5080 (extra arguments go
#                      to the server, for example: ./build.sh run --data /tmp/failsmart).
#   ./build.sh bench   Run the benchmarks (arguments go to BenchmarkDotNet).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=eng/services/services.sh
source eng/services/services.sh

summary_and_exit() { # passed failed skipped exit-code
  echo "$1 passed, $2 failed, $3 skipped"
  exit "$4"
}

run_tests() {
  require_dotnet
  start_test_services
  trap stop_test_services EXIT
  trap 'exit 130' INT TERM

  echo "== Building (Release, warnings as errors)"
  if ! dotnet build FailSmart.slnx -c Release -nologo -v quiet; then
    echo "The build failed; no tests ran."
    summary_and_exit 0 1 0 1
  fi

  # The packages, as docs/packages.md installs them; test/FailSmart.Packaging.Tests installs them into a
  # fresh app. Emptied first so a package the build no longer produces cannot linger.
  echo "== Packing (Release, into artifacts/packages)"
  rm -rf artifacts/packages
  if ! dotnet pack FailSmart.slnx -c Release --no-build -nologo -v quiet -o artifacts/packages; then
    echo "Packing failed; no tests ran."
    summary_and_exit 0 1 0 1
  fi
  export FAILSMART_TEST_PACKAGES="$PWD/artifacts/packages"

  echo "== Testing"
  local log status=0
  log=$(mktemp)
  dotnet test --solution FailSmart.slnx -c Release --no-build --no-progress "$@" 2>&1 | tee "$log" || status=$?

  # Microsoft.Testing.Platform closes with one summary block for the whole solution.
  local total failed skipped
  total=$(grep -E '^\s+total:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  failed=$(grep -E '^\s+failed:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  skipped=$(grep -E '^\s+skipped:' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  rm -f "$log"
  local passed=$((total - failed - skipped))
  if [ "$total" -eq 0 ] && [ "$status" -eq 0 ]; then
    echo "No test ran: that counts as a failure."
    summary_and_exit 0 1 0 1
  fi
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the runner failed without counting a failed test (a crash, a missing project)
  fi
  summary_and_exit "$passed" "$failed" "$skipped" "$status"
}

case "${1:-}" in
  test) shift; run_tests "$@" ;;
  run) shift; require_dotnet; exec dotnet run --project src/FailSmart.Server -c Release -- "$@" ;;
  bench) shift; require_dotnet; exec dotnet run --project bench/FailSmart.Benchmarks -c Release -- "$@" ;;
  *) echo "usage: ./build.sh test | run [server options] | bench [BenchmarkDotNet options]" >&2; exit 2 ;;
esac
