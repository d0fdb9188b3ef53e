#!/usr/bin/env bash
# Runs Debian's cargo for x86_64-pc-windows-gnu, rebuilding std for that target:
#   scripts/windows/cargo.sh build --release --lib
#   scripts/windows/cargo.sh test --release --no-run
# Used by build.sh (the addon) and test.ts (the Rust unit tests, run under wine).
#
# rustup is not needed (nor reachable here): Debian's rustc-web toolchain ships the
# standard library's source, so cargo rebuilds std for the Windows target (-Zbuild-std)
# and mingw-w64 links it. std is built with panic_unwind, not panic_abort: every
# extern "C" entry point of the crate catches panics with catch_unwind, and under
# panic=abort a panic would end the Node process instead of becoming a JS error.
# Everything is passed on the command line; Cargo.toml stays as rustup stable needs it.
#
# The build directory lives in the user cache, outside the repository, so that the
# ~1 minute std build is paid once per machine, not once per clone.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-pc-windows-gnu
cache="${XDG_CACHE_HOME:-$HOME/.cache}/dotnet-host"
export CARGO_TARGET_DIR="$cache/cargo-$target"

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
  {
    echo "building for $target needs:"
    printf '  %s\n' "${missing[@]}"
    echo "install them with: apt-get install -y --no-install-recommends rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64"
  } >&2
  exit 1
fi

# RUSTC_BOOTSTRAP lets a stable compiler take -Z flags. std's own dependencies come
# from the vendor directory that rust-web-src ships; the crate itself has none.
subcommand="$1"
shift
RUSTC="$rustc" RUSTC_BOOTSTRAP=1 exec "$cargo" "$subcommand" \
  --target "$target" \
  -Zbuild-std=std,panic_unwind \
  --config 'source.crates-io.replace-with="vendored-std"' \
  --config "source.vendored-std.directory=\"$rust_src/vendor\"" \
  --config "target.$target.linker=\"$linker\"" \
  "$@"
