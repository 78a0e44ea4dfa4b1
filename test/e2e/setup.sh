#!/usr/bin/env bash
# Installs what the end-to-end test needs into DIR: a real VS Code served to a
# browser (code-server 4.100.3 = VS Code 1.100.3) and playwright-core to drive
# Debian's Chromium. Reaches only the npm registry and Debian's apt repositories.
# Idempotent: a second run with the same versions returns at once.
#   test/e2e/setup.sh DIR
# Exit status 0 = ready; anything else = could not install (the caller skips).
set -euo pipefail
DIR=$(mkdir -p "${1:?usage: setup.sh DIR}" && cd "$1" && pwd)
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
# code-server 4.100.3 bundles @vscode/ripgrep 1.15.11, whose postinstall looks here first.
RIPGREP_CACHE_VERSION=1.15.11
STAMP="$DIR/.installed-$CODE_SERVER_VERSION-$PLAYWRIGHT_VERSION"

if [ -f "$STAMP" ] && [ -x /usr/bin/chromium ] && [ -x "$DIR/server/node_modules/.bin/code-server" ]; then
  echo "e2e tools already installed in $DIR"
  exit 0
fi

if ! [ -x /usr/bin/chromium ] || ! command -v rg >/dev/null || ! command -v make >/dev/null; then
  command -v apt-get >/dev/null || { echo "apt-get not available to install chromium" >&2; exit 1; }
  # The native modules of code-server (node-pty, kerberos, argon2, ...) build from
  # source and need these headers; chromium is the browser playwright-core drives.
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    build-essential python3 pkg-config curl libkrb5-dev libsecret-1-dev libx11-dev \
    libxkbfile-dev ripgrep chromium >/dev/null
fi

# @vscode/ripgrep's postinstall would download ripgrep from GitHub; it first looks
# for a tarball in $TMPDIR/vscode-ripgrep-cache-<version>/, so seed that with
# Debian's rg.
export TMPDIR=$DIR/tmp
cache=$TMPDIR/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION
mkdir -p "$cache"
rgdir=$(mktemp -d)
cp "$(command -v rg)" "$rgdir/rg"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$rgdir" rg
rm -rf "$rgdir"

export npm_config_unsafe_perm=true        # code-server's postinstall insists on it when run as root
export npm_config_yes=true                # node-pty's postinstall runs npx node-gyp without a TTY
export npm_config_build_from_source=true  # argon2/kerberos: no attempts to fetch prebuilt binaries
mkdir -p "$DIR/server"
cd "$DIR/server"
[ -f package.json ] || echo '{"name":"arm64-guest-e2e-vscode","private":true}' > package.json
npm install --unsafe-perm --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >/dev/null

cd "$DIR"
[ -f package.json ] || echo '{"name":"arm64-guest-e2e-driver","private":true,"type":"module"}' > package.json
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: we drive Debian's chromium, never a downloaded one.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
# code-server's postinstall builds its native modules; make sure it really runs
# (XDG_CONFIG_HOME keeps the default config it writes out of $HOME).
XDG_CONFIG_HOME=$DIR/tmp/xdg-config "$DIR/server/node_modules/.bin/code-server" --version >/dev/null
rm -f "$DIR"/.installed-*
touch "$STAMP"
echo "installed: $DIR/server/node_modules/.bin/code-server, playwright-core $PLAYWRIGHT_VERSION"
