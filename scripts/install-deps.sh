#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for licat: Chromium and CJK fonts (flowchart SVGs,
# guide tests), LibreOffice Calc (the Excel test client), poppler-utils (reading the PDF LibreOffice
# prints a workbook to), the sqlite3 shell (the database test client), then the npm packages from
# the lockfile.
# Safe to rerun; apt packages are installed only when missing and only when running as root.
set -uo pipefail
cd "$(dirname "$0")/.."

# A Debian package counts as present when dpkg says it is installed; elsewhere, when what it
# provides is found.
installed() {
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
  else
    case "$1" in
      chromium) command -v chromium >/dev/null 2>&1 ;;
      fonts-noto-cjk) fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null ;;
      libreoffice-calc-nogui) command -v soffice >/dev/null 2>&1 ;;
      poppler-utils) command -v pdftotext >/dev/null 2>&1 ;;
      sqlite3) command -v sqlite3 >/dev/null 2>&1 ;;
    esac
  fi
}
need=()
for package in chromium fonts-noto-cjk libreoffice-calc-nogui poppler-utils sqlite3; do
  installed "$package" || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "licat: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null || echo "licat: apt-get install failed; flowchart SVGs and some tests need: ${need[*]}" >&2
  else
    echo "licat: missing ${need[*]}; install them with: sudo apt-get install -y ${need[*]}" >&2
  fi
fi

npm ci --no-audit --no-fund
