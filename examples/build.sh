#!/bin/sh
# Rebuilds the example programs (the .elf files are committed, so this is only
# needed after editing a source). Needs aarch64-linux-gnu-gcc and picolibc for
# aarch64 (Debian: gcc-aarch64-linux-gnu picolibc-aarch64-linux-gnu).
# -fdebug-prefix-map makes the DWARF source paths relative (./sum.c), so the
# debugger finds the sources through launch.json's "cwd" wherever this folder is.
set -eu
cd "$(dirname "$0")"
PREFIX_MAP="-fdebug-prefix-map=$PWD=."

# C with picolibc: its semihosting crt0 and printf; code and data in the virt
# board's RAM at 0x40000000.
aarch64-linux-gnu-gcc -O0 -g $PREFIX_MAP \
  -specs=picolibc.specs --oslib=semihost --crt0=semihost \
  -Wl,--defsym=__flash=0x40000000 -Wl,--defsym=__flash_size=0x400000 \
  -Wl,--defsym=__ram=0x40400000 -Wl,--defsym=__ram_size=0x1000000 \
  -Wl,-z,max-page-size=4096 -o sum.elf sum.c

# Bare-metal assembly: no C library, our own linker script.
aarch64-linux-gnu-gcc -g -nostdlib -static $PREFIX_MAP \
  -Wl,-T,countdown.ld -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments \
  -o countdown.elf countdown.S
