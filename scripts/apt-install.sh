#!/usr/bin/env bash
# Install Debian/Ubuntu packages with apt-get, waiting (with a bound) for the apt/dpkg lock
# when another installation holds it (unattended-upgrades on a fresh machine, a second
# terminal) instead of failing at once. Used by scripts/setup.sh.
# Usage: scripts/apt-install.sh PACKAGE...
#   APT_LOCK_WAIT_SECONDS  how long to wait for the lock in all (default 600)
#   APT_LOCK_RETRY_SECONDS pause between tries (default 5)
set -euo pipefail
wait_seconds="${APT_LOCK_WAIT_SECONDS:-600}"
retry_seconds="${APT_LOCK_RETRY_SECONDS:-5}"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
deadline=$(( $(date +%s) + wait_seconds ))
told=""

# apt-get's own wait (DPkg::Lock::Timeout) covers the dpkg lock on apt >= 1.9.11; the retry
# loop covers the lists lock of `apt-get update` and older apt, whose answer is to give up.
apt_get() {
  local out status remaining
  while :; do
    remaining=$(( deadline - $(date +%s) ))
    [ "$remaining" -gt 0 ] || remaining=0
    status=0
    out=$(DEBIAN_FRONTEND=noninteractive $sudo apt-get -o "DPkg::Lock::Timeout=$remaining" \
          "$@" 2>&1) || status=$?
    if [ "$status" = 0 ]; then
      return 0
    fi
    if grep -qiE "could not get lock|unable to acquire the dpkg frontend lock|unable to lock" \
         <<<"$out"; then
      if [ "$(date +%s)" -lt "$deadline" ]; then
        if [ -z "$told" ]; then
          echo "setup: another apt or dpkg holds its lock; waiting for it (at most" \
               "${wait_seconds}s)" >&2
          told=1
        fi
        sleep "$retry_seconds"
        continue
      fi
      echo "setup: the apt/dpkg lock was still held after ${wait_seconds}s:" \
           "$(grep -iE 'lock' <<<"$out" | head -n 1)" >&2
      echo "setup: run this again when the other installation has finished" >&2
      return "$status"
    fi
    printf '%s\n' "$out" >&2
    return "$status"
  done
}

echo "setup: installing system packages: $*" >&2
apt_get update -qq
apt_get install -y -qq "$@"
