#!/usr/bin/env bash
# Installs what tests/test_viz_browser.py needs on a Debian CI machine, as root: Chromium and a CJK font so Chinese
# renders. Idempotent: does nothing when both are installed, and runs apt-get update only when it has to.
set -euo pipefail

packages=(chromium fonts-wqy-zenhei)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
        missing+=("$package")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "browser.sh: ${packages[*]} already installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "browser.sh: run as root to install ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install_missing() { apt-get install -y --no-install-recommends "${missing[@]}"; }
# Package lists may be absent (fresh image) or stale (a 404 on install): update then, and only then.
if ! compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null || ! install_missing; then
    apt-get update
    install_missing
fi
