#!/bin/sh
# deps.sh - installs the Debian packages in tools/debian-packages.txt that are
# missing. Does nothing (and takes well under a second) when all are present.
set -eu
here=$(dirname "$0")
pkgs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/debian-packages.txt")

# One dpkg-query call for the whole list; a package not reported as
# "install ok installed" (or unknown to dpkg) is missing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null |
            awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)
inst=" $(echo $installed) "
missing=""
for p in $pkgs; do
    case "$inst" in
    *" $p "*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet: update only when install fails.
if ! $SUDO apt-get install -y --no-install-recommends $missing; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends $missing
fi
