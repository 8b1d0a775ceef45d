#!/usr/bin/env bash
# Runs every test of MealCheckout: unit, component, integration and end-to-end (Playwright).
# On a fresh Debian machine it first installs Chromium, which the end-to-end tests drive,
# PostgreSQL, which the PostgreSQL tests start as a throw-away server of their own, and nginx,
# which the two-instance test starts in front of two app processes.
set -euo pipefail
cd "$(dirname "$0")"

# Installs a Debian package the tests need (as root in CI, through sudo elsewhere).
install_debian_package() {
  echo "$1 not found: installing Debian's $1 package (needs root)."
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$1" >/dev/null
}

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  install_debian_package chromium
fi

# The PostgreSQL tests start their own server from initdb/pg_ctl (on PATH, or in Debian's versioned folder).
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  install_debian_package postgresql
fi

# The two-instance test runs nginx from PATH or /usr/sbin, in the foreground with a configuration of its own.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  install_debian_package nginx
  # Where services may start, the package starts its own site on port 80: the tests need only the program.
  if [ "$(id -u)" -eq 0 ]; then service nginx stop >/dev/null 2>&1 || true; else sudo service nginx stop >/dev/null 2>&1 || true; fi
fi

results=TestResults
rm -f "$results"/suite.trx
status=0
dotnet test MealCheckout.sln --configuration Release --logger "console;verbosity=normal" \
  --logger "trx;LogFileName=suite.trx" --results-directory "$results" "$@" || status=$?

# The console log of a full run is long; repeat the failures last, where a reader of the tail sees them.
if [ "$status" -ne 0 ] && [ -f "$results/suite.trx" ]; then
  echo
  echo "==== Failed tests ===="
  tr -d '\r' < "$results/suite.trx" | awk '
    function text(s) { gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s); return s }
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "FAILED " text(substr($0, RSTART + 10, RLENGTH - 11)); failed = 1; lines = 0; next }
    failed && /<ErrorInfo>/ { error = 1 }
    failed && error && lines < 15 { line = $0; gsub(/<[^>]*>/, "", line); line = text(line); if (line ~ /[^ ]/) { print "    " substr(line, 1, 300); lines++ } }
    failed && /<\/ErrorInfo>/ { error = 0; failed = 0 }
  '
fi
exit "$status"
