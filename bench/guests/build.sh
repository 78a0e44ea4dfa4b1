#!/usr/bin/env bash
# Rebuilds the benchmark guests (gcc -O2, bare metal for QEMU virt, picolibc + semihosting).
set -euo pipefail
cd "$(dirname "$0")"
for src in *.c; do
  name="${src%.c}"
  aarch64-linux-gnu-gcc -O2 -g -specs=picolibc.specs --oslib=semihost --crt0=semihost \
    -Wl,--defsym=__flash=0x40000000 -Wl,--defsym=__flash_size=0x400000 \
    -Wl,--defsym=__ram=0x40400000 -Wl,--defsym=__ram_size=0x1000000 \
    -fdebug-prefix-map="$PWD"=. -o "$name.elf" "$src" -lm
done
