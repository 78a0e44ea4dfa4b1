// Console and exit routines for the reliability guests (AAPCS64; they use at most
// 48 bytes of stack, and print_string none at all).
#include "guest.inc"

        .text

// print_string(x0 = NUL-terminated string)
        .global print_string
        .type   print_string, %function
print_string:
        mov     x1, x0
        semihosting SYS_WRITE0
        ret
        .size   print_string, . - print_string

// print_signed(x0 = value): decimal, with '-' when negative
        .global print_signed
        .type   print_signed, %function
print_signed:
        sub     sp, sp, #48
        add     x3, sp, #40
        strb    wzr, [x3]
        mov     x5, x0
        cmp     x0, #0
        cneg    x0, x0, lt
        mov     x4, #10
1:      udiv    x6, x0, x4
        msub    x2, x6, x4, x0
        add     w2, w2, #'0'
        strb    w2, [x3, #-1]!
        mov     x0, x6
        cbnz    x0, 1b
        tbz     x5, #63, 2f
        mov     w2, #'-'
        strb    w2, [x3, #-1]!
2:      mov     x1, x3
        semihosting SYS_WRITE0
        add     sp, sp, #48
        ret
        .size   print_signed, . - print_signed

// exit(x0 = status): SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit; never returns
        .global exit
        .type   exit, %function
exit:
        sub     sp, sp, #16
        mov     x1, #0x0026
        movk    x1, #0x2, lsl #16               // ADP_Stopped_ApplicationExit = 0x20026
        stp     x1, x0, [sp]
        mov     x1, sp
        semihosting SYS_EXIT_EXTENDED
1:      b       1b
        .size   exit, . - exit
