// Unbounded recursion with the guest's own exception vectors, whose handler saves
// registers on the stack it has just overflowed: the handler's first store faults
// again, forever. The run must end with the loop named and the original abort
// decoded, not spin or fail in the host. Linked at 0x40100000 like stack-overflow.
#include "lib/guest.inc"

        .text
        .global _start
_start:
        print   recursing
        adr     x0, vectors
        msr     vbar_el1, x0
        isb
        adr     x0, _start
        mov     sp, x0
        bl      recurse
        mov     x0, #0
        b       exit

        .type   recurse, %function
recurse:
        stp     x29, x30, [sp, #-32]!
        mov     x29, sp
        bl      recurse
        ldp     x29, x30, [sp], #32
        ret
        .size   recurse, . - recurse

        .balign 2048
vectors:
        .rept   16
        .balign 128
        stp     x0, x1, [sp, #-16]!             // faults: SP is below RAM
        mov     x0, #1
        b       exit
        .endr

recursing:
        .asciz  "recursing with a handler that needs the stack\n"
