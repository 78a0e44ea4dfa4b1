// A guest that branches to an address with nothing behind it (no RAM, no device)
// and has no exception vectors of its own: the instruction abort it takes cannot
// be handled, and the run must end with that abort decoded, not a host error.
#include "lib/guest.inc"

        .equ    NOWHERE, 0x12340000

        .text
        .global _start
_start:
        print   jumping
        mov     x0, #NOWHERE
        br      x0

jumping:
        .asciz  "jumping to nowhere\n"
