#!/usr/bin/env bash
# Complete the frozen Linux folder with its desktop integration and pack it.
#
#   packaging/linux/make-tarball.sh BUNDLE_DIR VERSION OUT_DIR
#
# Adds to BUNDLE_DIR (PyInstaller's dist/huaibei-reader): install.sh, share/applications
# (.desktop), share/metainfo (AppStream, with a <release> for VERSION), share/icons/hicolor;
# then writes OUT_DIR/huaibei-reader-VERSION-linux-ARCH.tar.gz with one top folder of that name.
set -euo pipefail
bundle="$1"
version="$2"
out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
app_id=io.github.huaibei_reader.HuaibeiReader
python="${PYTHON:-python3}"

[ -x "$bundle/huaibei-reader" ] || { echo "make-tarball: no $bundle/huaibei-reader" >&2; exit 1; }

rm -rf "$bundle/share"
mkdir -p "$bundle/share/applications" "$bundle/share/metainfo" \
         "$bundle/share/icons/hicolor/scalable/apps"
install -m 0755 "$here/install.sh" "$bundle/install.sh"
install -m 0644 "$here/$app_id.desktop" "$bundle/share/applications/"
install -m 0644 "$repo/resources/icons/app.svg" \
        "$bundle/share/icons/hicolor/scalable/apps/$app_id.svg"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$bundle/share/icons/hicolor/${size}x${size}/apps"
    install -m 0644 "$repo/resources/icons/app-$size.png" \
            "$bundle/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
# The metainfo lists releases; add this one (dated today) if nobody wrote its notes yet.
"$python" - "$here/$app_id.metainfo.xml" "$bundle/share/metainfo/$app_id.metainfo.xml" \
          "$version" <<'PY'
import datetime, re, sys
src, dst, version = sys.argv[1:]
text = open(src, encoding="utf-8").read()
if f'version="{version}"' not in text:
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    text = text.replace("<releases>",
                        f'<releases>\n    <release version="{version}" date="{today}"/>', 1)
open(dst, "w", encoding="utf-8").write(text)
PY

arch="$(uname -m)"
name="huaibei-reader-$version-linux-$arch"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
tarball="$out/$name.tar.gz"
# One top folder named after the release; symlink targets inside the bundle are left alone.
tar -C "$(dirname "$bundle")" --owner=0 --group=0 --numeric-owner \
    --transform "s,^$(basename "$bundle"),$name,S" \
    -czf "$tarball" "$(basename "$bundle")"
echo "$tarball"
