// Self-modifying code done right: a function that returns 1 runs many times (so it
// is decoded, and compiled where there is a block compiler), then the guest
// patches its first instruction to return 42 and calls it again. Prints
// "before 1000 after 42" and exits with status 0 only if the new code ran.
#include "lib/guest.inc"

        .text
        .global _start
_start:
        adr     x0, stack_top
        mov     sp, x0
        mov     x19, #0                         // sum of 1000 calls
        mov     x20, #1000
1:      bl      value
        add     x19, x19, x0
        subs    x20, x20, #1
        b.ne    1b
        print   before
        mov     x0, x19
        bl      print_signed

        adr     x0, value
        ldr     w1, patch                       // mov w0, #42
        str     w1, [x0]
        dc      cvau, x0                        // what real hardware needs to see the new word
        dsb     ish
        ic      ivau, x0
        dsb     ish
        isb
        bl      value
        mov     x21, x0
        print   after
        mov     x0, x21
        bl      print_signed
        print   newline
        cmp     x21, #42
        cset    x0, ne
        b       exit

        .type   value, %function
value:
        mov     w0, #1
        ret
        .size   value, . - value

        .balign 4
patch:
        mov     w0, #42

before:
        .asciz  "before "
after:
        .asciz  " after "
newline:
        .asciz  "\n"

        .bss
        .balign 16
        .space  4096
stack_top:
