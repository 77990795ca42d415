#!/usr/bin/env bash
# Prepare this checkout on a fresh machine: the system libraries Qt needs (also offscreen),
# CJK fonts, pdftotext for the PDF tests, then a virtual environment with the app installed.
# Usage: scripts/setup.sh [EXTRAS]   e.g. scripts/setup.sh test,package
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"

system_packages=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0
  fonts-noto-cjk poppler-utils xvfb
)
if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    # Waits (bounded) for an apt/dpkg lock another installation holds.
    scripts/apt-install.sh "${missing[@]}"
  fi
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]"
else
  .venv/bin/python -m pip install -q -e .
fi
