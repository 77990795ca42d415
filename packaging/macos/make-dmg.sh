#!/usr/bin/env bash
# Pack the app into a compressed disk image with an /Applications link to drag it onto;
# sign and notarize the image when the secrets are there (see build-macos.sh).
#
#   packaging/macos/make-dmg.sh "dist/Huaibei Reader.app" VERSION ARCH [OUT_DIR]
#
# SIGNED=yes (set by build-macos.sh) says the app inside was signed; an unsigned app is never
# sent for notarization.
set -euo pipefail
app="$1"
version="$2"
arch="$3"
out="${4:-$(dirname "$app")}"
dmg="$out/huaibei-reader-$version-macos-$arch.dmg"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
# hdiutil now and then fails with "Resource busy" on CI machines: try a few times.
for attempt in 1 2 3; do
    if hdiutil create -volname "Huaibei Reader $version" -srcfolder "$staging" -fs HFS+ \
            -format UDZO -imagekey zlib-level=9 -ov "$dmg"; then
        break
    fi
    [ "$attempt" = 3 ] && { echo "make-dmg: hdiutil failed three times" >&2; exit 1; }
    sleep 5
done

if [ "${SIGNED:-no}" = yes ] && [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
    echo "codesign: disk image signed"
else
    echo "codesign: disk image not signed (the app is unsigned)"
fi

if [ "${SIGNED:-no}" = yes ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] \
        && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    echo "notarization: accepted and stapled"
else
    echo "notarization: skipped (needs a signed app and APPLE_ID, APPLE_TEAM_ID," \
         "APPLE_APP_PASSWORD)"
fi
echo "$dmg"
