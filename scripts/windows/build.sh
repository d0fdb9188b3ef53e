#!/usr/bin/env bash
# npm run build:windows: builds the addon for x86_64-pc-windows-gnu on Linux and writes
# dotnet-host.win32-x64-gnu.node at the repository root, the name napi-rs gives it.
#
# rustup is not needed (nor reachable here): Debian's rustc-web toolchain ships the
# standard library's source, so cargo rebuilds std for the Windows target (-Zbuild-std),
# and mingw-w64 links it. std is built with panic_unwind, not panic_abort: every
# extern "C" entry point of the crate catches panics with catch_unwind, and under
# panic=abort a panic would end the Node process instead of becoming a JS error.
#
# Needs the Debian packages rustc-web, cargo-web, rust-web-src and gcc-mingw-w64-x86-64
# (see docs/windows.md). The build directory lives in the user cache, outside the
# repository, so that the ~1 minute std build is paid once per machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-pc-windows-gnu
cache="${XDG_CACHE_HOME:-$HOME/.cache}/dotnet-host"
export CARGO_TARGET_DIR="${DOTNET_HOST_WINDOWS_TARGET_DIR:-$cache/cargo-$target}"

# Debian's toolchain, named by absolute path: rustup's cargo and rustc usually come
# first on PATH, and they have no std source for this target.
cargo=/usr/bin/cargo
rustc=/usr/bin/rustc
rust_src=/usr/lib/rustlib/src/rust/library
linker=x86_64-w64-mingw32-gcc

missing=()
[ -x "$cargo" ] || missing+=("$cargo (Debian package cargo-web)")
[ -x "$rustc" ] || missing+=("$rustc (Debian package rustc-web)")
[ -f "$rust_src/Cargo.lock" ] || missing+=("$rust_src (Debian package rust-web-src)")
command -v "$linker" >/dev/null || missing+=("$linker (Debian package gcc-mingw-w64-x86-64)")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "build:windows needs:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  echo "Install them with: apt-get install -y --no-install-recommends rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64" >&2
  exit 1
fi

# RUSTC_BOOTSTRAP lets a stable compiler take -Z flags. std's own dependencies come
# from the vendor directory that rust-web-src ships; the crate itself has none.
RUSTC="$rustc" RUSTC_BOOTSTRAP=1 "$cargo" build --release --lib \
  --target "$target" \
  -Zbuild-std=std,panic_unwind \
  --config 'source.crates-io.replace-with="vendored-std"' \
  --config "source.vendored-std.directory=\"$rust_src/vendor\"" \
  --config "target.$target.linker=\"$linker\""

cp "$CARGO_TARGET_DIR/$target/release/dotnet_host.dll" dotnet-host.win32-x64-gnu.node
echo "built $(pwd)/dotnet-host.win32-x64-gnu.node"
