// A guest that owns its exception vectors (VBAR_EL1) and takes, one at a
// time, the synchronous exceptions a debugger user meets: SVC, BRK, an
// undefined instruction, a trapped FP/SIMD access, data aborts on addresses
// with nothing behind them, an instruction abort, a PC alignment fault, a BRK
// taken on SP_EL0 (the other current-EL vector), an alignment fault with
// SCTLR_EL1.A set, and from EL0: an undefined system
// register access, trapped MRS DAIF and WFI, HVC (undefined at EL0) and SVC.
// The handler logs ESR_EL1, ELR_EL1, FAR_EL1 and SPSR_EL1 and prints them;
// main compares each log entry with the architected value and prints PASS or
// FAIL. PSCI calls through HVC at EL1 are answered by the host and print
// their results. Exit status 0 only if every check passes.
//
// Not here: SP alignment faults (EC 0x26). QEMU 7.2 does not check SP
// alignment, so it cannot provide a reference for them.
        .file   "exceptions.S" // the object's STT_FILE symbol; without it the assembler uses a temporary file name
#include "../asm-lib/semihosting.inc"

        .equ    SCTLR_A, 1 << 1                 // alignment check
        .equ    SCTLR_UMA, 1 << 9               // EL0 access to DAIF
        .equ    SCTLR_nTWI, 1 << 16             // WFI at EL0 not trapped
        .equ    CPACR_FPEN, 3 << 20
        .equ    SPSR_EL0t_DAIF_MASKED, 0x3c0
        .equ    SPSR_EL1h_DAIF_MASKED, 0x3c5

        .equ    UNMAPPED_DEVICE_GAP, 0x0a800000 // between virtio-mmio and the platform bus
        .equ    UNMAPPED_ABOVE_RAM, 0x100000000 // 4 GiB: past any RAM size this board is given

        .equ    PSCI_VERSION, 0x84000000
        .equ    PSCI_FEATURES, 0x8400000a
        .equ    PSCI_CPU_ON_64, 0xc4000003
        .equ    PSCI_UNKNOWN_FUNCTION, 0x8400ff00

        .equ    NO_FAR, -1                      // check(): FAR is UNKNOWN for this class

        // What the handler does on the way out, set before each exception.
        .equ    RESUME_AT_ELR, 0                // retry (or continue after SVC/HVC)
        .equ    RESUME_AFTER_ELR, 1             // skip the faulting instruction
        .equ    RESUME_AT_ADDRESS, 2            // go to resume_address (SPSR from resume_spsr if set)

        .equ    LOG_ENTRY_SIZE, 40              // vector, ESR, ELR, FAR, SPSR
        .equ    LOG_CAPACITY, 16

        .macro  set_action kind, address=0, spsr=0
        adr     x16, resume_action
        mov     x17, #\kind
        str     x17, [x16]
        .if \kind == RESUME_AT_ADDRESS
        adr     x17, \address
        str     x17, [x16, #8]
        mov     x17, #\spsr
        str     x17, [x16, #16]
        .endif
        .endm

        .macro  print label
        adr     x0, \label
        bl      console_write_string
        .endm

// ---------------------------------------------------------------- vectors
        .macro  vector_entry offset, handler
        .balign 128
        stp     x0, x1, [sp, #-16]!
        mov     x0, #\offset
        b       \handler
        .endm

        .text
        .balign 2048
vector_table:
        vector_entry 0x000, synchronous_exception   // current EL, SP_EL0
        vector_entry 0x080, unexpected_exception
        vector_entry 0x100, unexpected_exception
        vector_entry 0x180, unexpected_exception
        vector_entry 0x200, synchronous_exception   // current EL, SP_ELx
        vector_entry 0x280, unexpected_exception
        vector_entry 0x300, unexpected_exception
        vector_entry 0x380, unexpected_exception
        vector_entry 0x400, synchronous_exception   // lower EL, AArch64
        vector_entry 0x480, unexpected_exception
        vector_entry 0x500, unexpected_exception
        vector_entry 0x580, unexpected_exception
        vector_entry 0x600, unexpected_exception
        vector_entry 0x680, unexpected_exception
        vector_entry 0x700, unexpected_exception
        vector_entry 0x780, unexpected_exception

// x0 = vector offset; x0/x1 of the interrupted code are on the stack.
synchronous_exception:
        stp     x2, x3, [sp, #-16]!
        stp     x4, x5, [sp, #-16]!
        stp     x6, x7, [sp, #-16]!
        stp     x8, x9, [sp, #-16]!
        stp     x10, x11, [sp, #-16]!
        stp     x12, x13, [sp, #-16]!
        stp     x14, x15, [sp, #-16]!
        stp     x16, x17, [sp, #-16]!
        stp     x18, x19, [sp, #-16]!
        stp     x20, x21, [sp, #-16]!
        stp     x29, x30, [sp, #-16]!

        mrs     x20, esr_el1
        mrs     x21, elr_el1
        // Log the exception: entry = exception_log + count * LOG_ENTRY_SIZE.
        adr     x19, exception_count
        ldr     x2, [x19]
        cmp     x2, #LOG_CAPACITY
        b.hs    too_many_exceptions
        add     x3, x2, #1
        str     x3, [x19]
        mov     x3, #LOG_ENTRY_SIZE
        adr     x4, exception_log
        madd    x19, x2, x3, x4
        str     x0, [x19]
        str     x20, [x19, #8]
        str     x21, [x19, #16]
        mrs     x2, far_el1
        str     x2, [x19, #24]
        mrs     x2, spsr_el1
        str     x2, [x19, #32]

        print   text_took
        ldr     x0, [x19]
        bl      console_write_hex64
        print   text_esr
        mov     x0, x20
        bl      console_write_hex64
        print   text_elr
        mov     x0, x21
        bl      console_write_hex64
        print   text_spsr
        ldr     x0, [x19, #32]
        bl      console_write_hex64
        // FAR_EL1 holds a meaningful value only for aborts, alignment faults and watchpoints.
        ubfx    x2, x20, #26, #6
        cmp     x2, #0x20
        b.lo    1f
        cmp     x2, #0x25
        b.hi    1f
        print   text_far
        ldr     x0, [x19, #24]
        bl      console_write_hex64
1:      print   text_newline

        // A trapped FP/SIMD access (EC 0x07): enable FP and retry the instruction.
        ubfx    x2, x20, #26, #6
        cmp     x2, #0x07
        b.ne    2f
        mrs     x2, cpacr_el1
        orr     x2, x2, #CPACR_FPEN
        msr     cpacr_el1, x2
        isb

2:      adr     x2, resume_action
        ldr     x3, [x2]
        str     xzr, [x2]                       // one-shot
        cmp     x3, #RESUME_AFTER_ELR
        b.ne    3f
        add     x21, x21, #4
        msr     elr_el1, x21
        b       restore_and_return
3:      cmp     x3, #RESUME_AT_ADDRESS
        b.ne    restore_and_return
        ldr     x4, [x2, #8]
        msr     elr_el1, x4
        ldr     x4, [x2, #16]
        cbz     x4, restore_and_return
        msr     spsr_el1, x4

restore_and_return:
        ldp     x29, x30, [sp], #16
        ldp     x20, x21, [sp], #16
        ldp     x18, x19, [sp], #16
        ldp     x16, x17, [sp], #16
        ldp     x14, x15, [sp], #16
        ldp     x12, x13, [sp], #16
        ldp     x10, x11, [sp], #16
        ldp     x8, x9, [sp], #16
        ldp     x6, x7, [sp], #16
        ldp     x4, x5, [sp], #16
        ldp     x2, x3, [sp], #16
        ldp     x0, x1, [sp], #16
        eret

too_many_exceptions:
        print   text_too_many
        mov     x0, #2
        b       guest_exit

unexpected_exception:
        mov     x19, x0
        print   text_unexpected
        mov     x0, x19
        bl      console_write_hex64
        print   text_newline
        mov     x0, #3
        b       guest_exit

// ---------------------------------------------------------------- checks
// check(x0 = name, x1 = ESR, x2 = ELR, x3 = FAR or NO_FAR, x4 = vector offset)
// compares the next unchecked log entry and prints PASS or FAIL.
check:
        stp     x29, x30, [sp, #-64]!
        mov     x29, sp
        stp     x19, x20, [sp, #16]
        stp     x21, x22, [sp, #32]
        stp     x23, x24, [sp, #48]
        mov     x19, x0
        mov     x20, x1
        mov     x21, x2
        mov     x22, x3
        mov     x23, x4
        adr     x0, checked_count
        ldr     x1, [x0]
        adr     x2, exception_count
        ldr     x2, [x2]
        cmp     x1, x2
        b.hs    check_missing
        add     x2, x1, #1
        str     x2, [x0]
        mov     x2, #LOG_ENTRY_SIZE
        adr     x3, exception_log
        madd    x24, x1, x2, x3
        ldr     x0, [x24]
        cmp     x0, x23
        b.ne    check_mismatch
        ldr     x0, [x24, #8]
        cmp     x0, x20
        b.ne    check_mismatch
        ldr     x0, [x24, #16]
        cmp     x0, x21
        b.ne    check_mismatch
        cmn     x22, #1                         // NO_FAR?
        b.eq    check_pass
        ldr     x0, [x24, #24]
        cmp     x0, x22
        b.ne    check_mismatch
check_pass:
        print   text_pass
        mov     x0, x19
        bl      console_write_string
        print   text_newline
        b       check_done
check_missing:
        print   text_fail
        mov     x0, x19
        bl      console_write_string
        print   text_no_exception
        bl      count_failure
        b       check_done
check_mismatch:
        print   text_fail
        mov     x0, x19
        bl      console_write_string
        print   text_expected
        mov     x0, x23
        bl      console_write_hex64
        print   text_esr
        mov     x0, x20
        bl      console_write_hex64
        print   text_elr
        mov     x0, x21
        bl      console_write_hex64
        cmn     x22, #1
        b.eq    1f
        print   text_far
        mov     x0, x22
        bl      console_write_hex64
1:      print   text_newline
        bl      count_failure
check_done:
        ldp     x19, x20, [sp, #16]
        ldp     x21, x22, [sp, #32]
        ldp     x23, x24, [sp, #48]
        ldp     x29, x30, [sp], #64
        ret

count_failure:
        adr     x0, failures
        ldr     x1, [x0]
        add     x1, x1, #1
        str     x1, [x0]
        ret

// check_value(x0 = name, x1 = got, x2 = expected): PASS or FAIL for a plain value.
check_value:
        stp     x29, x30, [sp, #-48]!
        stp     x19, x20, [sp, #16]
        str     x21, [sp, #32]
        mov     x19, x0
        mov     x20, x1
        mov     x21, x2
        cmp     x20, x21
        b.ne    1f
        print   text_pass
        mov     x0, x19
        bl      console_write_string
        print   text_newline
        b       2f
1:      print   text_fail
        mov     x0, x19
        bl      console_write_string
        print   text_got
        mov     x0, x20
        bl      console_write_hex64
        print   text_expected_value
        mov     x0, x21
        bl      console_write_hex64
        print   text_newline
        bl      count_failure
2:      ldp     x19, x20, [sp, #16]
        ldr     x21, [sp, #32]
        ldp     x29, x30, [sp], #48
        ret

// psci(x0 = function id, x1..x3 = arguments) -> x0, printed as "name -> value"
        .macro  psci_call name, function, a1=0, a2=0, a3=0
        ldr     x0, =\function
        ldr     x1, =\a1
        ldr     x2, =\a2
        ldr     x3, =\a3
        hvc     #0
        mov     x19, x0
        print   \name
        mov     x0, x19
        bl      console_write_hex64
        print   text_newline
        .endm

// ---------------------------------------------------------------- main
        .global main
        .type   main, %function
main:
        stp     x29, x30, [sp, #-16]!
        mov     x29, sp
        adr     x0, vector_table
        msr     vbar_el1, x0
        isb
        print   text_banner

        // SVC: the preferred return address is the next instruction.
        set_action RESUME_AT_ELR
svc_site:
        svc     #0x1234
        adr     x0, name_svc
        ldr     x1, =0x56001234
        adr     x2, svc_site + 4
        mov     x3, #NO_FAR
        mov     x4, #0x200
        bl      check

        // BRK: ELR is the BRK itself; the handler steps over it.
        set_action RESUME_AFTER_ELR
brk_site:
        brk     #0x42
        adr     x0, name_brk
        ldr     x1, =0xf2000042
        adr     x2, brk_site
        mov     x3, #NO_FAR
        mov     x4, #0x200
        bl      check

        // An undefined instruction: EC 0 (unknown reason), IL 1.
        set_action RESUME_AFTER_ELR
udf_site:
        udf     #0x1234
        adr     x0, name_udf
        ldr     x1, =0x02000000
        adr     x2, udf_site
        mov     x3, #NO_FAR
        mov     x4, #0x200
        bl      check

        // FP/SIMD access with CPACR_EL1.FPEN = 0: EC 0x07; the handler enables FP and the FMOV is retried.
        mrs     x0, cpacr_el1
        bic     x0, x0, #CPACR_FPEN
        msr     cpacr_el1, x0
        isb
        set_action RESUME_AT_ELR
        ldr     x1, =0x4000000000000000         // 2.0
fp_site:
        fmov    d0, x1
        adr     x0, name_fp
        ldr     x1, =0x1fe00000
        adr     x2, fp_site
        mov     x3, #NO_FAR
        mov     x4, #0x200
        bl      check
        fmov    x1, d0
        adr     x0, name_fp_retried
        ldr     x2, =0x4000000000000000
        bl      check_value

        // Data aborts: nothing behind these addresses, a synchronous external abort (DFSC 0x10).
        set_action RESUME_AFTER_ELR
        ldr     x9, =UNMAPPED_DEVICE_GAP
load_abort_site:
        ldr     x0, [x9]
        adr     x0, name_load_abort
        ldr     x1, =0x96000010
        adr     x2, load_abort_site
        ldr     x3, =UNMAPPED_DEVICE_GAP
        mov     x4, #0x200
        bl      check

        set_action RESUME_AFTER_ELR
        ldr     x9, =UNMAPPED_ABOVE_RAM
store_abort_site:
        str     w0, [x9, #8]
        adr     x0, name_store_abort
        ldr     x1, =0x96000050                 // WnR set
        adr     x2, store_abort_site
        ldr     x3, =UNMAPPED_ABOVE_RAM + 8
        mov     x4, #0x200
        bl      check

        // Instruction abort: a call into the gap faults on the fetch; ELR = FAR = the target.
        set_action RESUME_AT_ADDRESS, fetch_abort_return
        ldr     x9, =UNMAPPED_DEVICE_GAP
        blr     x9
fetch_abort_return:
        adr     x0, name_fetch_abort
        ldr     x1, =0x86000010
        ldr     x2, =UNMAPPED_DEVICE_GAP
        ldr     x3, =UNMAPPED_DEVICE_GAP
        mov     x4, #0x200
        bl      check

        // PC alignment fault: a branch to an address that is not a multiple of 4.
        set_action RESUME_AT_ADDRESS, pc_alignment_return
        adr     x9, pc_alignment_return
        add     x9, x9, #2
        br      x9
pc_alignment_return:
        adr     x0, name_pc_alignment
        ldr     x1, =0x8a000000
        adr     x2, pc_alignment_return + 2
        adr     x3, pc_alignment_return + 2
        mov     x4, #0x200
        bl      check

        // BRK while running at EL1 on SP_EL0 (EL1t): taken at vector +0x000, SPSR.M = EL1t.
        set_action RESUME_AFTER_ELR
        mov     x9, sp                          // SP_EL0 gets a copy of the stack pointer
        msr     spsel, #0
        mov     sp, x9
el1t_brk_site:
        brk     #0x1e1
        msr     spsel, #1                       // back on SP_EL1, which nothing changed
        adr     x0, name_el1t_brk
        ldr     x1, =0xf20001e1
        adr     x2, el1t_brk_site
        mov     x3, #NO_FAR
        mov     x4, #0x000
        bl      check

        // Alignment fault (DFSC 0x21) for an unaligned load while SCTLR_EL1.A is set.
        mrs     x0, sctlr_el1
        orr     x0, x0, #SCTLR_A
        msr     sctlr_el1, x0
        isb
        set_action RESUME_AFTER_ELR
        adr     x9, scratch + 1
alignment_site:
        ldr     x0, [x9]
        mrs     x0, sctlr_el1
        bic     x0, x0, #SCTLR_A
        msr     sctlr_el1, x0
        isb
        adr     x0, name_alignment
        ldr     x1, =0x96000021
        adr     x2, alignment_site
        adr     x3, scratch + 1
        mov     x4, #0x200
        bl      check

        // PSCI through HVC at EL1: answered by the host, no exception reaches the guest.
        psci_call name_psci_version, PSCI_VERSION
        psci_call name_psci_features_cpu_on, PSCI_FEATURES, PSCI_CPU_ON_64
        psci_call name_psci_unknown, PSCI_UNKNOWN_FUNCTION
        adr     x0, name_psci_no_exception
        adr     x1, exception_count
        ldr     x1, [x1]
        adr     x2, checked_count
        ldr     x2, [x2]
        bl      check_value

        // EL0: trap WFI and DAIF access, then drop to EL0 with ERET.
        mrs     x0, sctlr_el1
        bic     x0, x0, #SCTLR_UMA
        bic     x0, x0, #SCTLR_nTWI
        msr     sctlr_el1, x0
        adr     x0, el0_stack_top
        msr     sp_el0, x0
        adr     x0, el0_code
        msr     elr_el1, x0
        mov     x0, #SPSR_EL0t_DAIF_MASKED
        msr     spsr_el1, x0
        eret

el0_code:
        set_action RESUME_AFTER_ELR
el0_undefined_site:
        mrs     x0, sctlr_el1                   // EL1 register: undefined at EL0
        set_action RESUME_AFTER_ELR
el0_daif_site:
        mrs     x3, daif                        // trapped (EC 0x18) because SCTLR_EL1.UMA = 0
        set_action RESUME_AFTER_ELR
el0_wfi_site:
        wfi                                     // trapped (EC 0x01) because SCTLR_EL1.nTWI = 0
        set_action RESUME_AFTER_ELR
el0_hvc_site:
        hvc     #0                              // undefined at EL0
        set_action RESUME_AT_ADDRESS, back_at_el1, SPSR_EL1h_DAIF_MASKED
el0_svc_site:
        svc     #0x77                           // back to EL1 through the handler
        b       .

back_at_el1:
        mrs     x0, sctlr_el1
        orr     x0, x0, #SCTLR_UMA
        orr     x0, x0, #SCTLR_nTWI
        msr     sctlr_el1, x0
        isb
        adr     x0, name_el0_undefined
        ldr     x1, =0x02000000
        adr     x2, el0_undefined_site
        mov     x3, #NO_FAR
        mov     x4, #0x400
        bl      check
        adr     x0, name_el0_daif
        ldr     x1, =0x6232d065
        adr     x2, el0_daif_site
        mov     x3, #NO_FAR
        mov     x4, #0x400
        bl      check
        adr     x0, name_el0_wfi
        ldr     x1, =0x07e00000
        adr     x2, el0_wfi_site
        mov     x3, #NO_FAR
        mov     x4, #0x400
        bl      check
        adr     x0, name_el0_hvc
        ldr     x1, =0x02000000
        adr     x2, el0_hvc_site
        mov     x3, #NO_FAR
        mov     x4, #0x400
        bl      check
        adr     x0, name_el0_svc
        ldr     x1, =0x56000077
        adr     x2, el0_svc_site + 4
        mov     x3, #NO_FAR
        mov     x4, #0x400
        bl      check
        mrs     x0, currentel
        adr     x1, currentel_value
        str     x0, [x1]
        adr     x0, name_back_at_el1
        ldr     x1, currentel_value
        mov     x2, #4                          // CurrentEL.EL = 1
        bl      check_value

        // Summary; the exit status is the number of failures (0 = all passed).
        print   text_exceptions_taken
        adr     x0, exception_count
        ldr     x0, [x0]
        bl      console_write_decimal
        print   text_failures
        adr     x0, failures
        ldr     x0, [x0]
        bl      console_write_decimal
        print   text_newline
        adr     x0, failures
        ldr     x0, [x0]
        ldp     x29, x30, [sp], #16
        ret
        .size   main, . - main

        .ltorg

// ---------------------------------------------------------------- data
        .section .rodata
text_banner:            .asciz "exceptions: own vector table at VBAR_EL1\n"
text_took:              .asciz "  took exception: vector "
text_esr:               .asciz " ESR "
text_elr:               .asciz " ELR "
text_spsr:              .asciz " SPSR "
text_far:               .asciz " FAR "
text_newline:           .asciz "\n"
text_pass:              .asciz "PASS "
text_fail:              .asciz "FAIL "
text_no_exception:      .asciz ": no exception was taken\n"
text_expected:          .asciz ": expected vector "
text_got:               .asciz ": got "
text_expected_value:    .asciz " expected "
text_too_many:          .asciz "FAIL too many exceptions (a fault keeps repeating?)\n"
text_unexpected:        .asciz "FAIL unexpected exception at vector "
text_exceptions_taken:  .asciz "exceptions taken: "
text_failures:          .asciz ", failures: "
name_svc:               .asciz "svc #0x1234 (EC 0x15)"
name_brk:               .asciz "brk #0x42 (EC 0x3c)"
name_udf:               .asciz "udf #0x1234 (EC 0x00)"
name_fp:                .asciz "fmov with CPACR_EL1.FPEN=0 (EC 0x07)"
name_fp_retried:        .asciz "fmov retried after enabling FP"
name_load_abort:        .asciz "load from 0x0a800000, nothing mapped (EC 0x25, DFSC 0x10)"
name_store_abort:       .asciz "store to 0x100000008, above RAM (EC 0x25, WnR, DFSC 0x10)"
name_fetch_abort:       .asciz "execute at 0x0a800000 (EC 0x21, IFSC 0x10)"
name_pc_alignment:      .asciz "branch to a misaligned address (EC 0x22)"
name_el1t_brk:          .asciz "brk #0x1e1 at EL1 on SP_EL0 (current EL with SP0 vector)"
name_alignment:         .asciz "unaligned load with SCTLR_EL1.A=1 (EC 0x25, DFSC 0x21)"
name_psci_version:      .asciz "PSCI_VERSION -> "
name_psci_features_cpu_on: .asciz "PSCI_FEATURES(CPU_ON) -> "
name_psci_unknown:      .asciz "PSCI function 0x8400ff00 -> "
name_psci_no_exception: .asciz "PSCI calls raised no exception"
name_el0_undefined:     .asciz "EL0 mrs x0, sctlr_el1 (EC 0x00)"
name_el0_daif:          .asciz "EL0 mrs x3, daif with SCTLR_EL1.UMA=0 (EC 0x18)"
name_el0_wfi:           .asciz "EL0 wfi with SCTLR_EL1.nTWI=0 (EC 0x01)"
name_el0_hvc:           .asciz "EL0 hvc #0 (EC 0x00)"
name_el0_svc:           .asciz "EL0 svc #0x77 (EC 0x15, lower EL vector)"
name_back_at_el1:       .asciz "back at EL1 after the EL0 svc"

        .data
        .balign 8
exception_count:        .quad 0
checked_count:          .quad 0
failures:               .quad 0
currentel_value:        .quad 0
resume_action:          .quad 0         // RESUME_*
resume_address:         .quad 0
resume_spsr:            .quad 0
scratch:                .quad 0x1122334455667788, 0x99aabbccddeeff00
exception_log:          .fill LOG_CAPACITY * LOG_ENTRY_SIZE, 1, 0
        .balign 16
el0_stack:              .fill 1024, 1, 0
el0_stack_top:
