#!/usr/bin/env bash
# Build the macOS app and its disk image, natively for this Mac's architecture.
#
#   packaging/macos/build-macos.sh
#
# Makes "dist/Huaibei Reader.app" and dist/huaibei-reader-VERSION-macos-ARCH.dmg (ARCH is
# arm64 on Apple silicon, x86_64 on Intel: two native builds rather than one universal2, as
# the PySide6 and lxml wheels installed are for one architecture).
#
# Signing and notarization run when their secrets are in the environment, and are skipped,
# saying so, when they are not:
#   MACOS_SIGN_IDENTITY          "Developer ID Application: NAME (TEAMID)"
#   MACOS_CERTIFICATE_P12_BASE64, MACOS_CERTIFICATE_PASSWORD
#                                the certificate, imported into a temporary keychain (CI)
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD
#                                notarization with notarytool (app-specific password)
# Uses the project's .venv unless PYTHON names another interpreter (CI: PYTHON=python).
# Written for the bash 3.2 that macOS ships.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
python="${PYTHON:-$repo/.venv/bin/python}"
dist="${HUAIBEI_DIST_DIR:-$repo/dist}"
work="${HUAIBEI_BUILD_DIR:-$repo/build}"

if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "build-macos: PyInstaller is not installed for $python;" \
         "install it with: $python -m pip install -e '.[package]'" >&2
    exit 2
fi
version="$("$python" packaging/version.py)"
arch="$(uname -m)"
python_arch="$("$python" -c 'import platform; print(platform.machine())')"
if [ "$python_arch" != "$arch" ]; then
    echo "build-macos: $python runs as $python_arch on this $arch Mac (Rosetta?);" \
         "use a native $arch Python for a native build" >&2
    exit 2
fi
echo "build-macos: Huaibei Reader $version for $arch with $("$python" --version)"

start=$(date +%s)
HUAIBEI_VERSION="$version" "$python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/huaibei-reader.spec
app="$dist/Huaibei Reader.app"
[ -x "$app/Contents/MacOS/huaibei-reader" ] || { echo "build-macos: no $app" >&2; exit 1; }

# Localized names: Finder and the Dock show 淮北阅读器 on a Chinese system.
cp -R "$here/en.lproj" "$here/zh-Hans.lproj" "$app/Contents/Resources/"

# Native: the PySide6 wheels are universal2, so every fat Mach-O file is thinned to this
# Mac's architecture (half the Qt weight); a file without a slice for it is a build error.
find "$app/Contents" -type f -print0 | while IFS= read -r -d '' f; do
    file -b "$f" | grep -q "Mach-O" || continue
    archs="$(lipo -archs "$f")"
    case " $archs " in
        *" $arch "*) ;;
        *) echo "build-macos: $f has no $arch code ($archs)" >&2; exit 1 ;;
    esac
    if [ "$archs" != "$arch" ]; then
        lipo "$f" -thin "$arch" -output "$f.thin"
        mv "$f.thin" "$f"
    fi
done

# --- signing -----------------------------------------------------------------------------
# Inside out: every Mach-O file, then the frameworks, then the app with its entitlements.
# Without a Developer ID the same is done ad hoc ("-"): Apple silicon runs no unsigned code,
# and the changes above broke the seal PyInstaller had made.
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${MACOS_CERTIFICATE_P12_BASE64:-}" ]; then
    keychain="$work/signing.keychain-db"
    keychain_password="$(uuidgen)"
    rm -f "$keychain"
    security create-keychain -p "$keychain_password" "$keychain"
    security set-keychain-settings -lut 3600 "$keychain"
    security unlock-keychain -p "$keychain_password" "$keychain"
    echo "$MACOS_CERTIFICATE_P12_BASE64" | base64 --decode > "$work/certificate.p12"
    security import "$work/certificate.p12" -k "$keychain" \
        -P "${MACOS_CERTIFICATE_PASSWORD:-}" -T /usr/bin/codesign
    rm -f "$work/certificate.p12"
    security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" \
        "$keychain" >/dev/null
    # shellcheck disable=SC2046 - the existing keychains, one word each
    security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    signed=yes
    sign() {
        codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY" "$@"
    }
else
    signed=no
    sign() { codesign --force --sign - "$@"; }
fi
find "$app/Contents" -type f ! -path "*/Contents/MacOS/huaibei-reader" -print0 |
    while IFS= read -r -d '' f; do
        if file -b "$f" | grep -q "Mach-O"; then sign "$f"; fi
    done
find "$app/Contents" -type d -name "*.framework" -print0 |
    while IFS= read -r -d '' f; do sign "$f"; done
sign --entitlements "$here/entitlements.plist" "$app"
codesign --verify --deep --strict --verbose=2 "$app"
if [ "$signed" = yes ]; then
    echo "codesign: signed with $MACOS_SIGN_IDENTITY"
else
    echo "codesign: skipped (MACOS_SIGN_IDENTITY is not set): the app is signed ad hoc only;" \
         "on first start macOS asks users to allow it in System Settings > Privacy & Security"
fi

SIGNED="$signed" "$here/make-dmg.sh" "$app" "$version" "$arch" "$dist"
end=$(date +%s)
echo "build-macos: built in $((end - start)) s; app $(du -sm "$app" | cut -f1) MB"
