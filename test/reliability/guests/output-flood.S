// Megabytes of console output: a 64 KiB pattern holding every byte value (NUL,
// CR and LF included) written 64 times through semihosting SYS_WRITE (4 MiB),
// then 8 times (512 KiB) byte by byte through the PL011 data register.
// Every byte must reach stdout, in order, before the exit.
#include "lib/guest.inc"

        .equ    CHUNK, 65536
        .equ    SEMIHOSTING_REPEATS, 64
        .equ    UART_REPEATS, 8

        .text
        .global _start
_start:
        adr     x0, stack_top
        mov     sp, x0

        // pattern[i] = (7 * i + (i >> 9)) mod 256
        adr     x0, pattern
        mov     x1, #0
1:      lsr     x2, x1, #9
        add     x2, x2, x1, lsl #3
        sub     x2, x2, x1
        strb    w2, [x0, x1]
        add     x1, x1, #1
        cmp     x1, #CHUNK
        b.lo    1b

        adr     x1, open_block                  // ":tt" opened for writing is stdout
        semihosting SYS_OPEN
        adr     x1, write_block
        str     x0, [x1]

        mov     x19, #SEMIHOSTING_REPEATS
2:      adr     x1, write_block
        semihosting SYS_WRITE
        cbnz    x0, failed                      // X0 = bytes not written
        subs    x19, x19, #1
        b.ne    2b

        mov     x3, #UART_DR
        mov     x19, #UART_REPEATS
3:      adr     x0, pattern
        mov     x1, #0
4:      ldrb    w2, [x0, x1]
        strb    w2, [x3]
        add     x1, x1, #1
        cmp     x1, #CHUNK
        b.lo    4b
        subs    x19, x19, #1
        b.ne    3b

        mov     x0, #0
        b       exit
failed:
        mov     x0, #1
        b       exit

tt:     .asciz  ":tt"
        .balign 8
open_block:
        .quad   tt, OPEN_WRITE, 3
write_block:
        .quad   0, pattern, CHUNK

        .bss
        .balign 16
pattern:
        .space  CHUNK
        .space  4096
stack_top:
