#!/usr/bin/env bash
# Install what the end-to-end test needs: code-server (VS Code for the web) from the npm
# registry, and Debian's Chromium and ripgrep. Idempotent: a finished install is skipped.
#
#   e2e/setup-code-server.sh          # into vscode-client/.e2e-cache/ (or $MP_LSP_E2E_CACHE)
#
# code-server 4.100.3 is VS Code 1.100.3; later releases need Node 22. Its npm package builds
# native modules and downloads ripgrep in install scripts, which cannot reach the internet
# here, so the install runs with --ignore-scripts and then does by hand what those scripts do:
# the symlinks of its postinstall.sh, Debian's rg in place of the downloaded one, and the
# native modules built from source against the system Node's headers. Only the modules that
# code-server needs to serve the workbench and run extensions are built: argon2 (loaded at
# start-up), @vscode/spdlog (logging) and native-watchdog (the extension host). The others
# (@parcel/watcher: file watching, node-pty: terminals, kerberos: proxy authentication,
# @vscode/deviceid: telemetry) are only needed by features the test does not use; code-server
# logs an error for each and carries on.
set -euo pipefail

VERSION=4.100.3
here="$(cd "$(dirname "$0")" && pwd)"
cache="${MP_LSP_E2E_CACHE:-$here/../.e2e-cache}"
prefix="$cache/code-server-$VERSION"
stamp="$prefix/.installed"
started=$(date +%s)

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

# Debian packages: Chromium to drive the workbench, ripgrep for VS Code's search, and what
# node-gyp builds with.
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v rg >/dev/null 2>&1 || packages+=(ripgrep)
command -v make >/dev/null 2>&1 || packages+=(make)
command -v g++ >/dev/null 2>&1 || packages+=(g++)
command -v python3 >/dev/null 2>&1 || packages+=(python3)
if [ ${#packages[@]} -gt 0 ]; then
    echo "setup-code-server: installing ${packages[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

if [ -f "$stamp" ]; then
    echo "setup-code-server: code-server $VERSION is installed in $prefix"
    exit 0
fi

# node-gyp must build against the headers of the Node that runs code-server, without
# downloading them.
node_dir="$(dirname "$(dirname "$(command -v node)")")"
for candidate in "${npm_config_nodedir:-}" "$node_dir" /usr /usr/local; do
    if [ -n "$candidate" ] && [ -f "$candidate/include/node/node.h" ]; then
        export npm_config_nodedir="$candidate"
        break
    fi
done
if [ -z "${npm_config_nodedir:-}" ]; then
    echo "setup-code-server: no Node headers (include/node/node.h) next to $(command -v node)" >&2
    exit 1
fi
export JOBS=max npm_config_jobs=max npm_config_build_from_source=true
npm_install=(npm install --no-audit --no-fund --prefer-offline --loglevel=error)

rm -rf "$prefix"
mkdir -p "$prefix"
cd "$prefix"
echo '{ "private": true }' > package.json
echo "setup-code-server: npm install code-server@$VERSION"
"${npm_install[@]}" --ignore-scripts "code-server@$VERSION"

vscode="$prefix/node_modules/code-server/lib/vscode"
(cd "$vscode" && "${npm_install[@]}" --ignore-scripts --omit=dev)
(cd "$vscode/extensions" && "${npm_install[@]}" --ignore-scripts --omit=dev)

# What code-server's postinstall.sh does besides installing.
ln -sfn node_modules "$vscode/node_modules.asar"
(cd "$vscode/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$vscode/bin/helpers" && ln -sf browser-linux.sh browser.sh)
# @vscode/ripgrep's postinstall downloads rg; Debian's will do.
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"

echo "setup-code-server: building native modules (argon2, @vscode/spdlog, native-watchdog)"
(cd "$prefix" && npm rebuild --loglevel=error argon2) > "$prefix/rebuild-argon2.log" 2>&1 &
argon2=$!
(cd "$vscode" && npm rebuild --loglevel=error @vscode/spdlog native-watchdog) > "$prefix/rebuild-vscode.log" 2>&1 &
vscode_modules=$!
status=0
wait $argon2 || { status=1; cat "$prefix/rebuild-argon2.log" >&2; }
wait $vscode_modules || { status=1; cat "$prefix/rebuild-vscode.log" >&2; }
for module in \
    "$prefix/node_modules/argon2/lib/binding/napi-v3/argon2.node" \
    "$vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
    "$vscode/node_modules/native-watchdog/build/Release/watchdog.node"; do
    if [ ! -f "$module" ]; then
        echo "setup-code-server: $module was not built" >&2
        status=1
    fi
done
[ $status -eq 0 ] || exit $status

touch "$stamp"
echo "setup-code-server: code-server $VERSION installed in $prefix in $(( $(date +%s) - started ))s"
