// A runaway guest: prints one line, then spins forever in a counting loop.
// `arm64-guest run --max-instructions N` must stop it (exit status 124) with the
// line already on stdout.
#include "lib/guest.inc"

        .text
        .global _start
_start:
        print   started
        mov     x2, #0
1:      add     x2, x2, #1
        b       1b

started:
        .asciz  "spinning forever\n"
