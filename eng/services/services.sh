# Starts and stops the services that the test suite needs. Sourced by build.sh.
# Each service has a script beside this one that defines <name>_start and <name>_stop; a start
# installs the service from Debian only when it is missing, runs it on loopback in a temporary
# folder, and exports its address in a FAILSMART_TEST_* variable.

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STARTED_SERVICES=()
APT_UPDATED=0

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (https://dot.net). Install it, then run this again." >&2
    exit 1
  fi
}

# apt_install PACKAGE...: installs Debian packages, updating the package lists once per run.
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "Installing $* needs root (apt-get). Install it, or run as root." >&2
    return 1
  fi
  if [ "$APT_UPDATED" -eq 0 ]; then
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# free_port: a TCP port on loopback that nothing listens on now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

# wait_for COMMAND... : retries a readiness probe for up to 60 seconds.
wait_for() {
  local i
  for i in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  return 1
}

start_test_services() {
  local name
  for name in $(grep -vE '^\s*(#|$)' eng/test-services); do
    # shellcheck source=/dev/null
    source "$SERVICES_DIR/$name.sh"
    echo "== Starting $name"
    "${name}_start"
    STARTED_SERVICES+=("$name")
  done
}

stop_test_services() {
  local name
  for name in "${STARTED_SERVICES[@]}"; do
    "${name}_stop" || echo "warning: stopping $name failed" >&2
  done
  STARTED_SERVICES=()
}
