#!/usr/bin/env bash
# Starts the VS Code installed by setup.sh on 127.0.0.1:PORT with a fresh,
# throw-away profile, installs the given .vsix into it, and prints the URL that
# opens WORKSPACE. Stop it with: kill -- -$(cat DIR/data/pid)
#   serve.sh DIR EXTENSION.vsix WORKSPACE [PORT]
set -euo pipefail
DIR=$(cd "${1:?usage: serve.sh DIR EXTENSION.vsix WORKSPACE [PORT]}" && pwd)
VSIX=$(realpath "$2")
WORKSPACE=$(realpath "$3")
PORT=${4:-18080}
HERE=$(cd "$(dirname "$0")" && pwd)
CODE_SERVER=$DIR/server/node_modules/.bin/code-server
DATA=$DIR/data
rm -rf "$DATA"
mkdir -p "$DATA/user/User" "$DATA/extensions"
printf 'auth: none\ncert: false\n' > "$DATA/config.yaml"
cp "$HERE/settings.json" "$DATA/user/User/settings.json"
# Keep VS Code off the network (no gallery) and out of $HOME.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/vscode/gallery","itemUrl":"http://127.0.0.1:9/vscode/item","resourceUrlTemplate":"http://127.0.0.1:9/vscode/asset/{publisher}/{name}/{version}/Microsoft.VisualStudio.Code.WebResources/{path}"}'
export XDG_CONFIG_HOME=$DATA/xdg-config XDG_DATA_HOME=$DATA/xdg-data XDG_CACHE_HOME=$DATA/xdg-cache
common=(--config "$DATA/config.yaml" --user-data-dir "$DATA/user" --extensions-dir "$DATA/extensions")
"$CODE_SERVER" "${common[@]}" --install-extension "$VSIX" > "$DATA/install.log" 2>&1 \
  || { cat "$DATA/install.log" >&2; exit 1; }
setsid "$CODE_SERVER" "${common[@]}" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --disable-proxy --ignore-last-opened \
  > "$DATA/code-server.log" 2>&1 &
echo $! > "$DATA/pid"
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "code-server did not start; see $DATA/code-server.log" >&2; exit 1; }
echo "http://127.0.0.1:$PORT/?folder=$WORKSPACE"
