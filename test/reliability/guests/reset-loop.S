// A guest that asks for a PSCI SYSTEM_RESET as its first act, so the board restarts
// it forever. Each restart is a fresh boot, but `--max-instructions` counts across
// them: the run must still end with status 124.
#include "lib/guest.inc"

        .equ    PSCI_SYSTEM_RESET, 0x84000009

        .text
        .global _start
_start:
        print   booting
        mov     w0, #(PSCI_SYSTEM_RESET & 0xffff)
        movk    w0, #(PSCI_SYSTEM_RESET >> 16), lsl #16
        hvc     #0
1:      b       1b                              // not reached

booting:
        .asciz  "booting\n"
