#!/usr/bin/env bash
# Builds large-dwarf.elf: a generated C program of a few thousand small functions, each
# with locals, a struct type and line info, so that its -O0 DWARF makes a ~5 MB ELF. It is
# the launch-to-first-stop benchmark guest (issue 7). Same bare-metal recipe as build.sh
# (picolibc + semihosting for QEMU virt). The C source is generated into a temporary
# directory and not kept: only this script and the ELF are committed.
set -euo pipefail
cd "$(dirname "$0")"
FUNCTIONS="${FUNCTIONS:-7000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$work/large-dwarf.c"

awk -v n="$FUNCTIONS" 'BEGIN {
  print "#include <stdio.h>"
  print "#include <stdint.h>"
  print ""
  for (i = 0; i < n; i++) {
    printf "struct record_%d {\n  int32_t id;\n  uint16_t flags;\n  double weight;\n  char label[8];\n  struct { int32_t x, y; } point;\n};\n\n", i
    printf "static int32_t step_%d(int32_t seed)\n{\n", i
    printf "  struct record_%d record = { .id = seed, .flags = %d, .weight = %d.5 };\n", i, i % 65536, i
    printf "  int32_t total = 0;\n"
    printf "  for (int32_t k = 0; k < 3; k++) {\n"
    printf "    int32_t term = record.id * (k + %d);\n", (i % 7) + 1
    printf "    record.point.x += term;\n"
    printf "    record.point.y -= k;\n"
    printf "    total += term ^ record.flags;\n"
    printf "  }\n"
    printf "  record.label[0] = (char)(total & 0x7f);\n"
    printf "  return total + (int32_t)record.weight + record.label[0] + record.point.y;\n}\n\n"
  }
  print "int main(void)"
  print "{"
  print "  int32_t checksum = 0;"
  for (i = 0; i < n; i++) printf "  checksum = step_%d(checksum + %d) & 0xffff;\n", i, i
  print "  printf(\"large-dwarf: %d functions, checksum %ld\\n\", " n ", (long)checksum);"
  print "  return 0;"
  print "}"
}' > "$src"

aarch64-linux-gnu-gcc -O0 -g -specs=picolibc.specs --oslib=semihost --crt0=semihost \
  -Wl,--defsym=__flash=0x40000000 -Wl,--defsym=__flash_size=0x400000 \
  -Wl,--defsym=__ram=0x40400000 -Wl,--defsym=__ram_size=0x1000000 \
  -fdebug-prefix-map="$work"=. -o large-dwarf.elf "$src"
ls -l large-dwarf.elf
