// A bare-metal AArch64 program in assembly: counts down from 5 and prints each
// digit through Arm semihosting, then exits with status 0. Set a breakpoint on
// the `subs` line and step with F10; watch x19 in the Variables view.

    .equ SYS_WRITEC, 0x03           // print the character at [x1]
    .equ SYS_WRITE0, 0x04           // print the NUL-terminated string at x1
    .equ SYS_EXIT, 0x18             // x1 -> { reason, subcode }
    .equ ADP_Stopped_ApplicationExit, 0x20026

    .text
    .global _start
    .type _start, %function
_start:
    ldr     x0, =stack_top
    mov     sp, x0
    mov     x19, #5                 // the counter lives in a callee-saved register
loop:
    add     w0, w19, #'0'
    bl      put_char
    mov     w0, #' '
    bl      put_char
    subs    x19, x19, #1
    b.ne    loop
    adr     x1, liftoff
    mov     w0, #SYS_WRITE0
    hlt     #0xf000
    adr     x1, exit_block
    mov     w0, #SYS_EXIT
    hlt     #0xf000
1:  b       1b                      // not reached: SYS_EXIT ends the guest
    .size _start, . - _start

// put_char(w0): writes one character to the debug console.
    .type put_char, %function
put_char:
    sub     sp, sp, #16
    strb    w0, [sp]
    mov     x1, sp
    mov     w0, #SYS_WRITEC
    hlt     #0xf000
    add     sp, sp, #16
    ret
    .size put_char, . - put_char

    .section .rodata
liftoff:
    .asciz  "liftoff!\n"
    .balign 8
exit_block:
    .quad   ADP_Stopped_ApplicationExit, 0

    .bss
    .balign 16
    .space  4096
stack_top:
