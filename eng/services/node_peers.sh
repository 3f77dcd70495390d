# The real npm packages that differential and end-to-end tests run against (GrowthBook's JavaScript SDK,
# the OpenFeature providers), pinned by eng/node-peers/package-lock.json. They are installed with
# `npm ci` into a cache folder outside the repository, once per lock file, and their node_modules
# folder is exported as FAILSMART_TEST_NODE_PEERS.

node_peers_start() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  local lock_dir cache hash
  lock_dir="$SERVICES_DIR/../node-peers"
  hash=$(sha256sum "$lock_dir/package-lock.json" | cut -c1-16)
  cache="${FAILSMART_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/failsmart}/node-peers/$hash"
  if [ ! -f "$cache/.installed" ]; then
    rm -rf "$cache"
    mkdir -p "$cache"
    cp "$lock_dir/package.json" "$lock_dir/package-lock.json" "$cache/"
    (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    touch "$cache/.installed"
  fi
  export FAILSMART_TEST_NODE_PEERS="$cache/node_modules"
  echo "   node $(node --version), packages in $FAILSMART_TEST_NODE_PEERS"
}

node_peers_stop() {
  unset FAILSMART_TEST_NODE_PEERS
}
