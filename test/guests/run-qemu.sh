#!/usr/bin/env bash
# Runs one guest under QEMU exactly as the committed references were made:
#   run-qemu.sh PROG.elf [ARG...]
# The guest's console (semihosting and the PL011 UART, interleaved in program
# order) goes to stdout byte for byte; QEMU's own messages go to stderr; the exit
# status is the guest's (semihosting SYS_EXIT / SYS_EXIT_EXTENDED, 0 for PSCI
# SYSTEM_OFF), or 124 when the guest runs longer than QEMU_TIMEOUT seconds.
#
# The semihosting command line (SYS_GET_CMDLINE) is "PROG.elf ARG...", the
# path exactly as given here followed by the ARGs, space-joined: what
# `node dist/cli.js run PROG.elf -- ARG...` reports too. (Without semihosting
# arguments QEMU reports just the -kernel path, so the path is always passed
# as the first one.) Run from the guest's folder with a bare file name when
# the output must not depend on where the corpus lives.
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 PROG.elf [ARG...]" >&2
    exit 2
fi
elf=$1
shift

semihosting="enable=on,target=native,chardev=console"
for arg in "$elf" "$@"; do
    # QEMU option syntax: a comma inside a value is written as two commas.
    semihosting+=",arg=${arg//,/,,}"
done

# One stdio chardev multiplexed between the UART and semihosting keeps their
# output in program order (by default QEMU sends semihosting to stderr).
exec timeout "${QEMU_TIMEOUT:-60}" qemu-system-aarch64 \
    -M virt -cpu cortex-a57 -m 128M \
    -display none -monitor none -no-reboot \
    -chardev stdio,id=console,mux=on \
    -serial chardev:console \
    -semihosting-config "$semihosting" \
    -kernel "$elf" </dev/null
