#!/usr/bin/env bash
# Build the Linux app: one command, from the repository root or anywhere.
#
#   packaging/build-linux.sh
#
# Makes dist/huaibei-reader/ (the frozen one-folder app, with install.sh and share/) and
# dist/huaibei-reader-VERSION-linux-ARCH.tar.gz. Uses the project's .venv unless PYTHON names
# another interpreter (CI: PYTHON=python). HUAIBEI_DIST_DIR / HUAIBEI_BUILD_DIR move the
# output and PyInstaller's work folder (the packaging test builds in a temporary folder).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
python="${PYTHON:-$repo/.venv/bin/python}"
dist="${HUAIBEI_DIST_DIR:-$repo/dist}"
work="${HUAIBEI_BUILD_DIR:-$repo/build}"

if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "build-linux: PyInstaller is not installed for $python;" \
         "install it with: $python -m pip install -e '.[package]'" >&2
    exit 2
fi
version="$("$python" packaging/version.py)"
echo "build-linux: Huaibei Reader $version with $("$python" --version)"

# The generated icons must match their SVG master.
QT_QPA_PLATFORM=offscreen "$python" packaging/make_icons.py --check

start=$(date +%s)
HUAIBEI_VERSION="$version" "$python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/huaibei-reader.spec
PYTHON="$python" packaging/linux/make-tarball.sh "$dist/huaibei-reader" "$version" "$dist"
end=$(date +%s)
echo "build-linux: built in $((end - start)) s; folder $(du -sm "$dist/huaibei-reader" | cut -f1) MB"
