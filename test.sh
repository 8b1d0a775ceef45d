#!/usr/bin/env bash
# Runs every test of MealCheckout: unit, component, integration and end-to-end (Playwright).
# On a fresh Debian machine it first installs Chromium, which the end-to-end tests drive.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's chromium package (needs root)."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

dotnet test MealCheckout.sln --configuration Release --logger "console;verbosity=normal" "$@"
