// A guest that stores zeros over the instruction right after the store (the same
// basic block, already decoded): the next fetch must see the new word, UDF #0, and
// the run end with that UNDEFINED exception decoded at that address.
#include "lib/guest.inc"

        .text
        .global _start
_start:
        print   overwriting
        adr     x0, doomed
        str     wzr, [x0]
doomed:
        mov     x0, #0                          // never runs: overwritten with 0x00000000
        b       exit

overwriting:
        .asciz  "overwriting the next instruction\n"
