// The guest half of the differential instruction test against QEMU
// (test/reliability/qemuDifferential.test.ts). The test appends to this image a
// list of instruction slots and, for each, a register state; the harness runs
// every slot from its state and records what happened, then writes all records
// to stdout through semihosting. Run under QEMU and under arm64-guest, the two
// record streams must agree.
//
// Layout (the test's constants must match):
//   CONFIG   N, the number of slots
//   SLOTS    N x 8 bytes: the word under test, then `b record_fallthrough`
//   STATES   N x 1 KiB: X0-X30, SP, NZCV, FPCR, then V0-V31
//   RESULTS  N x 1 KiB: X0-X30, SP, NZCV, FPSR, V0-V31, kind (0 = fell
//            through, 1 = exception), ESR_EL1, ELR_EL1, FAR_EL1, scratch checksum
//   SCRATCH  64 KiB of a fixed pattern that loads and stores may use; it is
//            checksummed and rewritten after every slot
// The word runs at EL1h with DAIF masked, entered by ERET so that every register
// including NZCV holds the given state.
#include "lib/guest.inc"

        .equ    CONFIG, 0x40100000
        .equ    SLOTS, 0x40110000
        .equ    STATES, 0x40200000
        .equ    RESULTS, 0x40600000
        .equ    SCRATCH, 0x40f00000
        .equ    SCRATCH_END, 0x40f10000
        .equ    SPSR_EL1H_MASKED, 0x3c5
        .equ    CPACR_FPEN, 3 << 20

        .equ    STATE_SP, 0xf8
        .equ    STATE_NZCV, 0x100
        .equ    STATE_FPCR, 0x108
        .equ    STATE_V, 0x110
        .equ    RESULT_KIND, 0x310
        .equ    RESULT_ELR, 0x320
        .equ    RESULT_CHECKSUM, 0x330
        .equ    RESULT_COPY, 0x340

        .text
        .global _start
_start:
        mov     x0, #CPACR_FPEN
        msr     cpacr_el1, x0
        isb
        adr     x0, vectors
        msr     vbar_el1, x0
        isb
        adr     x0, current
        str     xzr, [x0]
        bl      restore_scratch

next_slot:
        adr     x0, current
        ldr     x1, [x0]
        mov     x2, #CONFIG
        ldr     x2, [x2]
        cmp     x1, x2
        b.hs    finish
        mov     x3, #STATES
        add     x3, x3, x1, lsl #10
        mov     x4, #SLOTS
        add     x4, x4, x1, lsl #3
        msr     elr_el1, x4
        ldr     x5, [x3, #STATE_NZCV]
        and     x5, x5, #0xf0000000
        mov     x6, #SPSR_EL1H_MASKED
        orr     x5, x5, x6
        msr     spsr_el1, x5
        ldr     x5, [x3, #STATE_FPCR]
        msr     fpcr, x5
        msr     fpsr, xzr
        ldr     x5, [x3, #STATE_SP]
        mov     sp, x5
        add     x5, x3, #STATE_V
        ldp     q0, q1, [x5], #32
        ldp     q2, q3, [x5], #32
        ldp     q4, q5, [x5], #32
        ldp     q6, q7, [x5], #32
        ldp     q8, q9, [x5], #32
        ldp     q10, q11, [x5], #32
        ldp     q12, q13, [x5], #32
        ldp     q14, q15, [x5], #32
        ldp     q16, q17, [x5], #32
        ldp     q18, q19, [x5], #32
        ldp     q20, q21, [x5], #32
        ldp     q22, q23, [x5], #32
        ldp     q24, q25, [x5], #32
        ldp     q26, q27, [x5], #32
        ldp     q28, q29, [x5], #32
        ldp     q30, q31, [x5], #32
        mov     x30, x3
        ldp     x0, x1, [x30, #0]
        ldp     x2, x3, [x30, #16]
        ldp     x4, x5, [x30, #32]
        ldp     x6, x7, [x30, #48]
        ldp     x8, x9, [x30, #64]
        ldp     x10, x11, [x30, #80]
        ldp     x12, x13, [x30, #96]
        ldp     x14, x15, [x30, #112]
        ldp     x16, x17, [x30, #128]
        ldp     x18, x19, [x30, #144]
        ldp     x20, x21, [x30, #160]
        ldp     x22, x23, [x30, #176]
        ldp     x24, x25, [x30, #192]
        ldp     x26, x27, [x30, #208]
        ldp     x28, x29, [x30, #224]
        ldr     x30, [x30, #240]
        eret

// A slot's word completed without an exception: its `b` lands here.
record_fallthrough:
        msr     tpidr_el1, x30
        adr     x30, record
        stp     x0, x1, [x30, #0]
        stp     x2, x3, [x30, #16]
        stp     x4, x5, [x30, #32]
        stp     x6, x7, [x30, #48]
        stp     x8, x9, [x30, #64]
        stp     x10, x11, [x30, #80]
        stp     x12, x13, [x30, #96]
        stp     x14, x15, [x30, #112]
        stp     x16, x17, [x30, #128]
        stp     x18, x19, [x30, #144]
        stp     x20, x21, [x30, #160]
        stp     x22, x23, [x30, #176]
        stp     x24, x25, [x30, #192]
        stp     x26, x27, [x30, #208]
        stp     x28, x29, [x30, #224]
        mrs     x0, tpidr_el1
        str     x0, [x30, #240]
        mov     x0, sp
        str     x0, [x30, #STATE_SP]
        mrs     x0, nzcv
        str     x0, [x30, #STATE_NZCV]
        mrs     x0, fpsr
        str     x0, [x30, #STATE_FPCR]
        str     xzr, [x30, #RESULT_KIND]
        str     xzr, [x30, #RESULT_KIND + 8]
        str     xzr, [x30, #RESULT_ELR]
        str     xzr, [x30, #RESULT_ELR + 8]
        b       save_vectors

// Every vector: X30 to TPIDR_EL1, then here.
exception_record:
        adr     x30, record
        stp     x0, x1, [x30, #0]
        stp     x2, x3, [x30, #16]
        stp     x4, x5, [x30, #32]
        stp     x6, x7, [x30, #48]
        stp     x8, x9, [x30, #64]
        stp     x10, x11, [x30, #80]
        stp     x12, x13, [x30, #96]
        stp     x14, x15, [x30, #112]
        stp     x16, x17, [x30, #128]
        stp     x18, x19, [x30, #144]
        stp     x20, x21, [x30, #160]
        stp     x22, x23, [x30, #176]
        stp     x24, x25, [x30, #192]
        stp     x26, x27, [x30, #208]
        stp     x28, x29, [x30, #224]
        mrs     x0, tpidr_el1
        str     x0, [x30, #240]
        mov     x0, sp
        str     x0, [x30, #STATE_SP]
        mrs     x0, spsr_el1
        and     x0, x0, #0xf0000000
        str     x0, [x30, #STATE_NZCV]
        mrs     x0, fpsr
        str     x0, [x30, #STATE_FPCR]
        mov     x0, #1
        mrs     x1, esr_el1
        str     x0, [x30, #RESULT_KIND]
        str     x1, [x30, #RESULT_KIND + 8]
        mrs     x0, elr_el1
        mrs     x1, far_el1
        str     x0, [x30, #RESULT_ELR]
        str     x1, [x30, #RESULT_ELR + 8]

save_vectors:
        add     x0, x30, #STATE_V
        stp     q0, q1, [x0], #32
        stp     q2, q3, [x0], #32
        stp     q4, q5, [x0], #32
        stp     q6, q7, [x0], #32
        stp     q8, q9, [x0], #32
        stp     q10, q11, [x0], #32
        stp     q12, q13, [x0], #32
        stp     q14, q15, [x0], #32
        stp     q16, q17, [x0], #32
        stp     q18, q19, [x0], #32
        stp     q20, q21, [x0], #32
        stp     q22, q23, [x0], #32
        stp     q24, q25, [x0], #32
        stp     q26, q27, [x0], #32
        stp     q28, q29, [x0], #32
        stp     q30, q31, [x0], #32
        bl      restore_scratch
        adr     x30, record
        str     x2, [x30, #RESULT_CHECKSUM]
        adr     x0, current
        ldr     x1, [x0]
        mov     x2, #RESULTS
        add     x2, x2, x1, lsl #10
        adr     x3, record
        mov     x4, #(RESULT_COPY / 16)
1:      ldp     x5, x6, [x3], #16
        stp     x5, x6, [x2], #16
        subs    x4, x4, #1
        b.ne    1b
        add     x1, x1, #1
        str     x1, [x0]
        b       next_slot

// restore_scratch: x2 = checksum of SCRATCH as the slot left it; rewrites the pattern
restore_scratch:
        mov     x0, #SCRATCH
        mov     x1, #SCRATCH_END
        mov     x2, #0
1:      ldr     x3, [x0]
        eor     x2, x3, x2, ror #59
        eor     x4, x0, x0, lsl #29
        str     x4, [x0], #8
        cmp     x0, x1
        b.lo    1b
        ret

finish:
        adr     x0, stack_top
        mov     sp, x0
        adr     x1, open_block
        semihosting SYS_OPEN
        adr     x1, write_block
        str     x0, [x1]
        mov     x3, #RESULTS
        str     x3, [x1, #8]
        adr     x0, current
        ldr     x2, [x0]
        lsl     x2, x2, #10
        str     x2, [x1, #16]
        semihosting SYS_WRITE
        mov     x0, #0
        b       exit

        .balign 2048
vectors:
        .rept   16
        .balign 128
        msr     tpidr_el1, x30
        b       exception_record
        .endr

tt:     .asciz  ":tt"
        .balign 8
open_block:
        .quad   tt, OPEN_WRITE, 3
write_block:
        .quad   0, 0, 0

        .bss
        .balign 16
current:
        .space  16
record:
        .space  RESULT_COPY
        .space  1024
stack_top:
