// Unbounded recursion: every call pushes a frame until the stack runs off the
// bottom of RAM. The code sits 1 MiB into RAM (linked at 0x40100000) and the
// stack starts just below it, so the frames never overwrite code. No exception
// vectors: the data abort on the first frame outside RAM ends the run.
#include "lib/guest.inc"

        .text
        .global _start
_start:
        print   recursing
        adr     x0, _start
        mov     sp, x0
        bl      recurse
        mov     x0, #0
        b       exit

        .type   recurse, %function
recurse:
        stp     x29, x30, [sp, #-32]!
        mov     x29, sp
        str     x0, [sp, #16]
        add     x0, x0, #1
        bl      recurse
        ldp     x29, x30, [sp], #32
        ret
        .size   recurse, . - recurse

recursing:
        .asciz  "recursing without end\n"
