#!/usr/bin/env bash
# Per-instruction trace of a guest under QEMU, for finding the first
# instruction where the emulator and QEMU disagree (see trace-compare.md).
#
#   qemu-trace.sh [--fpu] [--limit N] PROG.elf [ARG...] > trace.txt
#       one line per executed instruction, the state BEFORE it executes:
#       pc=... x0=... ... x30=... sp=... pstate=...   (hex, no leading zeros;
#       with --fpu also fpcr=... fpsr=... q0=... ... q31=..., 32 hex digits)
#   qemu-trace.sh --raw PROG.elf [ARG...] > qemu.log
#       QEMU's own log (-d cpu,int,exec,nochain): register dumps, symbols and
#       "Taking exception" lines
#   qemu-trace.sh --count PROG.elf [ARG...]
#       the number of instructions the guest executes
#
# The guest's console output goes to stderr. The machine and the semihosting
# command line are the same as run-qemu.sh's. QEMU translates one
# instruction per block (-one-insn-per-tb, or -singlestep before QEMU 8.1) and
# does not chain blocks (-d nochain), so it logs every instruction; expect
# about 1-2 million instructions a second.
set -euo pipefail

mode=compact
fpu=0
limit=0
while [ $# -gt 0 ]; do
    case "$1" in
    --raw) mode=raw; shift ;;
    --count) mode=count; shift ;;
    --fpu) fpu=1; shift ;;
    --limit) limit=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "qemu-trace.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
if [ $# -lt 1 ]; then
    echo "usage: $0 [--raw | --count] [--fpu] [--limit N] PROG.elf [ARG...]" >&2
    exit 2
fi
elf=$1
shift

if qemu-system-aarch64 -help | grep -q -- '-one-insn-per-tb'; then
    one_instruction_per_block=-one-insn-per-tb
else
    one_instruction_per_block=-singlestep
fi

case $mode in
count) log_items=exec,nochain ;;
raw) log_items=cpu,int,exec,nochain ;;
compact) log_items=cpu,nochain ;;
esac
[ $fpu -eq 1 ] && log_items+=,fpu

semihosting="enable=on,target=native,chardev=console"
for arg in "$elf" "$@"; do
    semihosting+=",arg=${arg//,/,,}"
done

# QEMU writes its log into a pipe that the converter reads as it goes: a full
# log of a long run would take gigabytes.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/log"

run_qemu() {
    qemu-system-aarch64 \
        -M virt -cpu cortex-a57 -m 128M \
        -display none -monitor none -no-reboot \
        -chardev stdio,id=console,mux=on \
        -serial chardev:console \
        -semihosting-config "$semihosting" \
        $one_instruction_per_block -d "$log_items" -D "$work/log" \
        -kernel "$elf" </dev/null >&2
}

# Turns QEMU's multi-line register dumps into one line per instruction.
compact_trace() {
    awk -v fpu="$fpu" -v limit="$limit" '
        function hex(value) { sub(/^0+/, "", value); return value == "" ? "0" : value }
        function emit(    line, i) {
            line = "pc=" hex(reg["PC"])
            for (i = 0; i <= 30; i++) line = line sprintf(" x%d=", i) hex(reg[sprintf("X%02d", i)])
            line = line " sp=" hex(reg["SP"]) " pstate=" hex(reg["PSTATE"])
            if (fpu == 1 && ("FPCR" in reg)) {
                line = line " fpcr=" hex(reg["FPCR"]) " fpsr=" hex(reg["FPSR"])
                for (i = 0; i <= 31; i++) line = line sprintf(" q%d=", i) reg[sprintf("Q%02d", i)]
            }
            print line
            if (limit > 0 && ++emitted >= limit) exit 0
            delete reg
        }
        {
            for (f = 1; f <= NF; f++) {
                split($f, pair, "=")
                if (pair[2] == "") continue
                if (pair[1] == "PC" && ("PC" in reg)) emit()
                value = pair[2]
                gsub(":", "", value)
                reg[pair[1]] = value
            }
        }
        END { if ("PC" in reg && (limit == 0 || emitted < limit)) emit() }
    '
}

case $mode in
count)
    run_qemu &
    grep -c '^Trace' <"$work/log" || true
    ;;
raw)
    run_qemu &
    cat <"$work/log"
    ;;
compact)
    run_qemu &
    compact_trace <"$work/log"
    ;;
esac
# With --limit the reader stops early; QEMU then dies of a broken pipe, which is expected.
wait || true
