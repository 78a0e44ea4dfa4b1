#!/usr/bin/env bash
# Rebuilds the reliability guests from their sources. The ELF files are committed,
# so the tests need no cross toolchain; run this after changing a source.
#   test/reliability/guests/build.sh
set -euo pipefail
cd "$(dirname "$0")"

CC=${CC:-aarch64-linux-gnu-gcc}
# One RWX segment (-N) at the link address, no build-id note below it, debug info kept.
FLAGS=(-nostdlib -static -g -Wl,-N -Wl,--build-id=none -Wl,--no-warn-rwx-segments)

build() {
    local name=$1 text=$2
    "$CC" "${FLAGS[@]}" -Wl,-Ttext="$text" -o "$name.elf" "$name.S" lib/console.S
}

build infinite-loop 0x40000000
build wild-jump 0x40000000
# The stack grows down from the code at 1 MiB into RAM and off its bottom.
build stack-overflow 0x40100000
build stack-overflow-handler 0x40100000
build vector-loop 0x40000000
build self-overwrite 0x40000000
build self-modify 0x40000000
build output-flood 0x40000000
build semihosting-escape 0x40000000
build clock-readers 0x40000000
build reset-loop 0x40000000
build qemu-harness 0x40000000
