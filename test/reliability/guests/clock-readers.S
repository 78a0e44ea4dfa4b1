// Reads every clock a guest can see between stretches of work: CNTVCT_EL0,
// CNTPCT_EL0, SYS_CLOCK and SYS_ELAPSED. They advance with retired instructions,
// so two runs print the same numbers (the determinism test runs it twice).
#include "lib/guest.inc"

        .equ    SYS_CLOCK, 0x10
        .equ    SYS_ELAPSED, 0x30

        .text
        .global _start
_start:
        adr     x0, stack_top
        mov     sp, x0
        mov     x19, #4                         // rounds
1:      mov     x20, #20000                     // work between readings
2:      subs    x20, x20, #1
        b.ne    2b
        mrs     x0, cntvct_el0
        bl      print_value
        mrs     x0, cntpct_el0
        bl      print_value
        semihosting SYS_CLOCK
        bl      print_value
        adr     x1, elapsed
        semihosting SYS_ELAPSED
        ldr     x0, elapsed
        bl      print_value
        print   newline
        subs    x19, x19, #1
        b.ne    1b
        mov     x0, #0
        b       exit

// print_value(x0): the value and a space
print_value:
        stp     x29, x30, [sp, #-16]!
        bl      print_signed
        print   space
        ldp     x29, x30, [sp], #16
        ret

space:  .asciz  " "
newline: .asciz "\n"

        .balign 8
elapsed: .quad  0

        .bss
        .balign 16
        .space  4096
stack_top:
