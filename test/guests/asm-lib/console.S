// Console output and exit through semihosting for the assembly guests.
// Every routine follows the AAPCS64: arguments in X0, X0-X17 and LR may be
// changed, X19-X28 and SP are preserved. They use no FP/SIMD registers, so
// exception handlers may call them even while FP access is trapped.
        .file   "console.S" // the object's STT_FILE symbol; without it the assembler uses a temporary file name
#include "semihosting.inc"

        .text

// console_write_string(x0 = NUL-terminated string)
        .global console_write_string
        .type   console_write_string, %function
console_write_string:
        mov     x1, x0
        mov     w0, #SYS_WRITE0
        semihosting_call
        ret
        .size   console_write_string, . - console_write_string

// console_write_char(w0 = character)
        .global console_write_char
        .type   console_write_char, %function
console_write_char:
        sub     sp, sp, #16
        strb    w0, [sp]
        mov     x1, sp
        mov     w0, #SYS_WRITEC
        semihosting_call
        add     sp, sp, #16
        ret
        .size   console_write_char, . - console_write_char

// console_write_hex64(x0 = value): "0x" and 16 lower-case hex digits
        .global console_write_hex64
        .type   console_write_hex64, %function
console_write_hex64:
        sub     sp, sp, #32
        mov     w2, #'0'
        strb    w2, [sp]
        mov     w2, #'x'
        strb    w2, [sp, #1]
        add     x3, sp, #17             // last digit position
        mov     x4, #16
1:      and     x2, x0, #0xf
        cmp     x2, #10
        add     x5, x2, #'0'
        add     x6, x2, #('a' - 10)
        csel    x2, x5, x6, lo
        strb    w2, [x3], #-1
        lsr     x0, x0, #4
        subs    x4, x4, #1
        b.ne    1b
        strb    wzr, [sp, #18]
        mov     x1, sp
        mov     w0, #SYS_WRITE0
        semihosting_call
        add     sp, sp, #32
        ret
        .size   console_write_hex64, . - console_write_hex64

// console_write_decimal(x0 = unsigned value)
        .global console_write_decimal
        .type   console_write_decimal, %function
console_write_decimal:
        sub     sp, sp, #32
        add     x3, sp, #31
        strb    wzr, [x3]
        mov     x4, #10
1:      udiv    x5, x0, x4
        msub    x2, x5, x4, x0          // x2 = x0 % 10
        add     w2, w2, #'0'
        strb    w2, [x3, #-1]!
        mov     x0, x5
        cbnz    x0, 1b
        mov     x1, x3
        mov     w0, #SYS_WRITE0
        semihosting_call
        add     sp, sp, #32
        ret
        .size   console_write_decimal, . - console_write_decimal

// guest_exit(x0 = status): SYS_EXIT_EXTENDED, never returns
        .global guest_exit
        .type   guest_exit, %function
guest_exit:
        sub     sp, sp, #16
        ldr     x1, =ADP_Stopped_ApplicationExit
        stp     x1, x0, [sp]
        mov     x1, sp
        mov     w0, #SYS_EXIT_EXTENDED
        semihosting_call
1:      wfi                             // not reached: the host has stopped the guest
        b       1b
        .size   guest_exit, . - guest_exit
