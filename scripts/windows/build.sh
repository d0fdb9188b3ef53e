#!/usr/bin/env bash
# npm run build:windows: builds the addon for x86_64-pc-windows-gnu on Linux and writes
# dotnet-host.win32-x64-gnu.node at the repository root, the name napi-rs gives it
# (see cargo.sh for the toolchain).
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/windows/cargo.sh build --release --lib
dll="${XDG_CACHE_HOME:-$HOME/.cache}/dotnet-host/cargo-x86_64-pc-windows-gnu/x86_64-pc-windows-gnu/release/dotnet_host.dll"
cp "$dll" dotnet-host.win32-x64-gnu.node
echo "built $(pwd)/dotnet-host.win32-x64-gnu.node"
