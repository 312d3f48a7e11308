#!/usr/bin/env bash
# Installs the system packages the project needs, with apt-get, only where missing:
# Pango and HarfBuzz subsetting for WeasyPrint, poppler-utils to read PDFs back,
# Chromium for browser tests and screenshots, fonts for reports (Noto CJK and Noto
# Color Emoji so Chinese, Japanese, Korean and emoji do not print as empty boxes),
# Java and Node.js for the HTML and accessibility checkers.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils chromium
          fonts-liberation fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji)
missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
# Java runs the Nu HTML Checker; Node.js installs it and axe-core. Most machines have them.
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "installing system packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
