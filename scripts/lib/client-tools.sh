#!/usr/bin/env bash
# Makes the real telnet client and expect available for the real-client test, when it can.
# Installs Debian's telnet and expect packages when run as root and they are missing. Never fails
# the build: without them, the test reports itself as skipped, loudly.
if command -v telnet >/dev/null 2>&1 && command -v expect >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "scripts/test: telnet/expect missing and cannot be installed here (not root or no apt-get);" \
       "the real-client test will be skipped." >&2
  exit 0
fi
echo "scripts/test: installing Debian packages telnet and expect for the real-client test"
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get install -y -qq telnet expect >/dev/null 2>&1 ||
       { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq telnet expect >/dev/null 2>&1; }; }; then
  echo "scripts/test: could not install telnet/expect; the real-client test will be skipped." >&2
fi
exit 0
