#!/bin/sh
# Makes sure the build dependencies are present. As root on Debian/Ubuntu it
# installs what is missing with apt-get; otherwise it names the packages.
#   scripts/deps.sh            library, CLI and tests
#   scripts/deps.sh extra PKG  also these Debian packages (e.g. clang)
set -eu
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
have_pc libcjson   || need="$need libcjson-dev"
have_pc libsodium  || need="$need libsodium-dev"
have_pc libpcre2-8 || need="$need libpcre2-dev"
have_pc cmocka     || need="$need libcmocka-dev"
[ -f /usr/include/uthash.h ] || [ -f /usr/local/include/uthash.h ] || need="$need uthash-dev"
# the CLI tests of `make check` run under pytest
command -v python3 >/dev/null 2>&1 || need="$need python3"
python3 -c 'import pytest' >/dev/null 2>&1 || need="$need python3-pytest"
if [ "${1:-}" = extra ]; then
  shift
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "deps: installing$need" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need >/dev/null
  exit 0
fi
echo "deps: missing packages:$need" >&2
echo "deps: install them with: sudo apt-get install$need" >&2
exit 1
