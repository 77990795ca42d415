#!/bin/sh
# Install Huaibei Reader for the current user from this unpacked tarball, or remove it.
#
#   ./install.sh               copy the app to ~/.local/opt/huaibei-reader, add the menu entry,
#                              the icons, the AppStream data and ~/.local/bin/huaibei-reader
#   ./install.sh --uninstall   remove all of that (your library and settings stay)
#
# No root needed. PREFIX (default ~/.local) moves everything, e.g. PREFIX=/opt/hr.
set -eu

APP_ID=io.github.huaibei_reader.HuaibeiReader
prefix="${PREFIX:-$HOME/.local}"
data="${XDG_DATA_HOME:-$prefix/share}"
[ -n "${PREFIX:-}" ] && data="$prefix/share"
target="$prefix/opt/huaibei-reader"
bin="$prefix/bin/huaibei-reader"
desktop="$data/applications/$APP_ID.desktop"
metainfo="$data/metainfo/$APP_ID.metainfo.xml"
icons="$data/icons/hicolor"
here="$(cd "$(dirname "$0")" && pwd)"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$data/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$target"
    rm -f "$bin" "$desktop" "$metainfo" "$icons/scalable/apps/$APP_ID.svg"
    for png in "$icons"/*/apps/"$APP_ID".png; do
        [ -e "$png" ] && rm -f "$png"
    done
    refresh_caches
    echo "Huaibei Reader removed (your library in ~/.local/share/huaibei-reader is kept)."
    exit 0
fi
if [ -n "${1:-}" ]; then
    echo "usage: $0 [--uninstall]" >&2
    exit 2
fi
if [ ! -x "$here/huaibei-reader" ] || [ ! -d "$here/_internal" ]; then
    echo "install.sh: run me from the unpacked tarball (huaibei-reader and _internal/ beside me)" >&2
    exit 1
fi

mkdir -p "$prefix/opt" "$prefix/bin" "$data/applications" "$data/metainfo"
rm -rf "$target.new"
mkdir -p "$target.new"
cp -R "$here/huaibei-reader" "$here/_internal" "$target.new/"
rm -rf "$target"
mv "$target.new" "$target"
ln -sf "$target/huaibei-reader" "$bin"

# The menu entry points at the installed binary: ~/.local/bin is not always on a session's PATH.
sed "s|^Exec=huaibei-reader|Exec=\"$target/huaibei-reader\"|" \
    "$here/share/applications/$APP_ID.desktop" > "$desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$metainfo"
for dir in "$here"/share/icons/hicolor/*/apps; do
    size="$(basename "$(dirname "$dir")")"
    mkdir -p "$icons/$size/apps"
    cp "$dir"/* "$icons/$size/apps/"
done
refresh_caches
echo "Huaibei Reader installed in $target; start it from the menu or with $bin"

# The window needs the X11/Wayland, font and D-Bus libraries every desktop has; a minimal
# system may lack one (libxcb-cursor0 is the usual one). Say which, without failing.
if command -v ldd >/dev/null 2>&1; then
    missing="$(LD_LIBRARY_PATH="$target/_internal" ldd \
        "$target/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" \
        "$target/_internal/PySide6/Qt/lib/libQt6Gui.so.6" 2>/dev/null |
        awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')"
    if [ -n "$missing" ]; then
        echo "note: the window needs these system libraries, not found here: $missing" >&2
        echo "      (Debian/Ubuntu: sudo apt install libxcb-cursor0 libxkbcommon-x11-0" \
             "libegl1 libfontconfig1)" >&2
    fi
fi
