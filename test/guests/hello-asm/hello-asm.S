// The smallest guest: prints through semihosting SYS_WRITE0 and SYS_WRITEC,
// then stops with SYS_EXIT (reason ADP_Stopped_ApplicationExit, status 0).
// Needs no stack, no library and no data section.
        .file   "hello-asm.S" // the object's STT_FILE symbol; without it the assembler uses a temporary file name
        .equ    SYS_WRITEC, 0x03
        .equ    SYS_WRITE0, 0x04
        .equ    SYS_EXIT, 0x18
        .equ    ADP_Stopped_ApplicationExit, 0x20026

        .text
        .global _start
        .type   _start, %function
_start:
        mov     w0, #SYS_WRITE0
        adr     x1, greeting
        hlt     #0xf000

        mov     w0, #SYS_WRITEC
        adr     x1, exclamation
        hlt     #0xf000
        mov     w0, #SYS_WRITEC
        adr     x1, newline
        hlt     #0xf000

        mov     w0, #SYS_EXIT
        adr     x1, exit_block
        hlt     #0xf000
1:      b       1b                      // not reached
        .size   _start, . - _start

greeting:
        .asciz  "Hello from AArch64 assembly"
exclamation:
        .byte   '!'
newline:
        .byte   '\n'
        .balign 8
exit_block:
        .quad   ADP_Stopped_ApplicationExit
        .quad   0
