# Chromium from Debian for browser tests (Microsoft.Playwright drives it; it never downloads a browser).

chromium_start() {
  if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium
  fi
  export FAILSMART_TEST_CHROMIUM
  FAILSMART_TEST_CHROMIUM=$(command -v chromium)
  echo "   $("$FAILSMART_TEST_CHROMIUM" --version 2>/dev/null | head -n 1)"
}

chromium_stop() {
  unset FAILSMART_TEST_CHROMIUM
}
