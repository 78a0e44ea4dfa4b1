// A guest whose VBAR_EL1 points at zeroed RAM: its SVC lands on a vector full of
// zeros (UDF), which raises UNDEFINED at the same vector again and again. The run
// must end naming the loop and the SVC that started it.
#include "lib/guest.inc"

        .text
        .global _start
_start:
        print   calling
        adr     x0, empty_vectors
        msr     vbar_el1, x0
        isb
        svc     #0x42
        mov     x0, #0
        b       exit

calling:
        .asciz  "SVC into an empty vector table\n"

        .bss
        .balign 2048
empty_vectors:
        .space  2048
