// The guest side of the Linux KVM selftest arm64/debug-exceptions.c (Part A),
// shared by the guests that port it: the EL1 vector table and handlers, the
// debug register helpers (reset_debug_state, install_hw_bp, install_wp, the
// linked Context-ID variants, enable_os_lock), PASS/FAIL checks, and the
// driver that runs a guest_code function for every combination of normal
// breakpoint b, watchpoint w and context-aware breakpoint c.
//
// Handlers, as in the selftest: BRK records ELR in sw_bp_addr and skips the
// BRK; a breakpoint records ELR in hw_bp_addr and a watchpoint records
// FAR_EL1 in wp_data_addr and ELR in wp_addr, both returning with SPSR.D set
// so the instruction re-executes with debug exceptions masked; a software
// step records ELR in ss_addr[ss_idx++] and sets SPSR.SS; SVC records ELR in
// svc_addr.
        .file   "self-debug.S" // the object's STT_FILE symbol; without it the assembler uses a temporary file name
#include "semihosting.inc"
#include "self-debug.inc"

        .equ    EC_SVC64, 0x15
        .equ    EC_BREAKPT_CUR, 0x31
        .equ    EC_SOFTSTP_CUR, 0x33
        .equ    EC_WATCHPT_CUR, 0x35
        .equ    EC_BRK64, 0x3c

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
        vector_entry 0x000, unexpected_exception
        vector_entry 0x080, unexpected_exception
        vector_entry 0x100, unexpected_exception
        vector_entry 0x180, unexpected_exception
        vector_entry 0x200, synchronous_exception   // current EL, SP_ELx: all the selftest uses
        vector_entry 0x280, unexpected_exception
        vector_entry 0x300, unexpected_exception
        vector_entry 0x380, unexpected_exception
        vector_entry 0x400, unexpected_exception
        vector_entry 0x480, unexpected_exception
        vector_entry 0x500, unexpected_exception
        vector_entry 0x580, unexpected_exception
        vector_entry 0x600, unexpected_exception
        vector_entry 0x680, unexpected_exception
        vector_entry 0x700, unexpected_exception
        vector_entry 0x780, unexpected_exception

// Dispatch on ESR_EL1.EC like the selftest's vm_install_sync_handler table.
synchronous_exception:
        stp     x2, x3, [sp, #-16]!
        stp     x4, x5, [sp, #-16]!
        mrs     x2, esr_el1
        ubfx    x2, x2, #26, #6
        mrs     x3, elr_el1
        cmp     x2, #EC_BRK64
        b.eq    on_brk
        cmp     x2, #EC_BREAKPT_CUR
        b.eq    on_hw_breakpoint
        cmp     x2, #EC_WATCHPT_CUR
        b.eq    on_watchpoint
        cmp     x2, #EC_SOFTSTP_CUR
        b.eq    on_software_step
        cmp     x2, #EC_SVC64
        b.eq    on_svc
        mov     x0, x2
        b       unexpected_class

on_brk:                                         // sw_bp_addr = pc; pc += 4
        adr     x4, sw_bp_addr
        str     x3, [x4]
        add     x3, x3, #4
        msr     elr_el1, x3
        b       handler_return

on_hw_breakpoint:                               // hw_bp_addr = pc; pstate |= D
        adr     x4, hw_bp_addr
        str     x3, [x4]
        b       return_with_debug_masked

on_watchpoint:                                  // wp_data_addr = FAR; wp_addr = pc; pstate |= D
        mrs     x5, far_el1
        adr     x4, wp_data_addr
        str     x5, [x4]
        adr     x4, wp_addr
        str     x3, [x4]
        b       return_with_debug_masked

on_software_step:                               // ss_addr[ss_idx++] = pc; pstate |= SS
        adr     x4, ss_idx
        ldr     x5, [x4]
        cmp     x5, #4
        b.hs    step_index_overflow
        add     x2, x5, #1
        str     x2, [x4]
        adr     x4, ss_addr
        str     x3, [x4, x5, lsl #3]
        mrs     x2, spsr_el1
        orr     x2, x2, #SPSR_SS
        msr     spsr_el1, x2
        b       handler_return

on_svc:                                         // svc_addr = pc
        adr     x4, svc_addr
        str     x3, [x4]
        b       handler_return

return_with_debug_masked:
        mrs     x2, spsr_el1
        orr     x2, x2, #SPSR_D
        msr     spsr_el1, x2
handler_return:
        ldp     x4, x5, [sp], #16
        ldp     x2, x3, [sp], #16
        ldp     x0, x1, [sp], #16
        eret

step_index_overflow:
        print   text_step_overflow
        mov     x0, #4
        b       guest_exit

unexpected_class:
        mov     x19, x0
        print   text_unexpected_class
        mov     x0, x19
        bl      console_write_hex64
        print   text_at
        mrs     x0, elr_el1
        bl      console_write_hex64
        print   text_newline
        mov     x0, #3
        b       guest_exit

unexpected_exception:
        mov     x19, x0
        print   text_unexpected_vector
        mov     x0, x19
        bl      console_write_hex64
        print   text_newline
        mov     x0, #3
        b       guest_exit

// ------------------------------------------------- debug register access
// write_<register>(x0 = index 0..15, x1 = value): the register number is
// part of the MSR encoding, so each index has its own two-instruction stub.
        .macro  writer_stub register, n
        msr     \register\()\n\()_el1, x1
        ret
        .endm

        .macro  indexed_writer name, register
        .balign 8
\name:
        adr     x16, 1f
        add     x16, x16, x0, lsl #3
        br      x16
        .balign 8
1:      writer_stub \register, 0
        writer_stub \register, 1
        writer_stub \register, 2
        writer_stub \register, 3
        writer_stub \register, 4
        writer_stub \register, 5
        writer_stub \register, 6
        writer_stub \register, 7
        writer_stub \register, 8
        writer_stub \register, 9
        writer_stub \register, 10
        writer_stub \register, 11
        writer_stub \register, 12
        writer_stub \register, 13
        writer_stub \register, 14
        writer_stub \register, 15
        .endm

        indexed_writer write_dbgbcr, dbgbcr
        indexed_writer write_dbgbvr, dbgbvr
        indexed_writer write_dbgwcr, dbgwcr
        indexed_writer write_dbgwvr, dbgwvr

// reset_debug_state(): debug exceptions masked, OS Lock and OS Double Lock
// clear, MDSCR_EL1 and CONTEXTIDR_EL1 zero, every BCR/BVR/WCR/WVR zero.
        .global reset_debug_state
reset_debug_state:
        stp     x29, x30, [sp, #-32]!
        stp     x19, x20, [sp, #16]
        msr     daifset, #8
        msr     osdlr_el1, xzr
        msr     oslar_el1, xzr
        isb
        msr     mdscr_el1, xzr
        msr     contextidr_el1, xzr
        mrs     x20, id_aa64dfr0_el1
        ubfx    x20, x20, #12, #4               // BRPs: number of breakpoints - 1
        mov     x19, #0
1:      mov     x0, x19
        mov     x1, #0
        bl      write_dbgbcr
        mov     x0, x19
        mov     x1, #0
        bl      write_dbgbvr
        add     x19, x19, #1
        cmp     x19, x20
        b.ls    1b
        mrs     x20, id_aa64dfr0_el1
        ubfx    x20, x20, #20, #4               // WRPs: number of watchpoints - 1
        mov     x19, #0
2:      mov     x0, x19
        mov     x1, #0
        bl      write_dbgwcr
        mov     x0, x19
        mov     x1, #0
        bl      write_dbgwvr
        add     x19, x19, #1
        cmp     x19, x20
        b.ls    2b
        isb
        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #32
        ret

// enable_os_lock(): OSLAR_EL1 = 1, and check that OSLSR_EL1.OSLK reads 1.
        .global enable_os_lock
enable_os_lock:
        stp     x29, x30, [sp, #-16]!
        mov     x0, #1
        msr     oslar_el1, x0
#ifdef OS_DOUBLE_LOCK_STANDS_IN_FOR_OS_LOCK
        // Reference builds only (see build.sh and debug-os-lock.S): QEMU 7.2
        // ignores the OS Lock, but honours the OS Double Lock, which blocks
        // the same debug exceptions; so set that too.
        msr     osdlr_el1, x0
#endif
        isb
        mrs     x1, oslsr_el1
        and     x1, x1, #OSLSR_OSLK
        mov     x2, #OSLSR_OSLK
        adr     x0, name_os_lock_set
        bl      check_equal
        ldp     x29, x30, [sp], #16
        ret

// enable_monitor_debug(): DAIF.D = 0; MDSCR_EL1 |= KDE | MDE
enable_monitor_debug:
        msr     daifclr, #8
        mrs     x0, mdscr_el1
        orr     x0, x0, #MDSCR_KDE
        orr     x0, x0, #MDSCR_MDE
        msr     mdscr_el1, x0
        isb
        ret

// install_hw_bp(x0 = breakpoint, x1 = address)
        .global install_hw_bp
install_hw_bp:
        stp     x29, x30, [sp, #-32]!
        stp     x19, x20, [sp, #16]
        mov     x19, x0
        mov     x20, x1
        mov     x1, #HW_BP_CONTROL
        bl      write_dbgbcr
        mov     x0, x19
        mov     x1, x20
        bl      write_dbgbvr
        isb
        bl      enable_monitor_debug
        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #32
        ret

// install_wp(x0 = watchpoint, x1 = address)
        .global install_wp
install_wp:
        stp     x29, x30, [sp, #-32]!
        stp     x19, x20, [sp, #16]
        mov     x19, x0
        mov     x20, x1
        mov     x1, #WP_CONTROL
        bl      write_dbgwcr
        mov     x0, x19
        mov     x1, x20
        bl      write_dbgwvr
        isb
        bl      enable_monitor_debug
        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #32
        ret

// install_context_bp(x0 = context-aware breakpoint): Linked Context ID Match on CONTEXT_ID
install_context_bp:
        stp     x29, x30, [sp, #-32]!
        str     x19, [sp, #16]
        mov     x19, x0
        ldr     x1, =HW_BP_CONTROL | DBGBCR_BT_CTX_LINK
        bl      write_dbgbcr
        mov     x0, x19
        ldr     x1, =CONTEXT_ID
        bl      write_dbgbvr
        ldr     x19, [sp, #16]
        ldp     x29, x30, [sp], #32
        ret

// install_hw_bp_ctx(x0 = address breakpoint, x1 = context breakpoint, x2 = address)
        .global install_hw_bp_ctx
install_hw_bp_ctx:
        stp     x29, x30, [sp, #-48]!
        stp     x19, x20, [sp, #16]
        str     x21, [sp, #32]
        mov     x19, x0
        mov     x20, x1
        mov     x21, x2
        mov     x0, x20
        bl      install_context_bp
        ldr     x1, =HW_BP_CONTROL | DBGBCR_BT_ADDR_LINK_CTX
        orr     x1, x1, x20, lsl #DBGBCR_LBN_SHIFT
        mov     x0, x19
        bl      write_dbgbcr
        mov     x0, x19
        mov     x1, x21
        bl      write_dbgbvr
        isb
        bl      enable_monitor_debug
        ldp     x19, x20, [sp, #16]
        ldr     x21, [sp, #32]
        ldp     x29, x30, [sp], #48
        ret

// install_wp_ctx(x0 = watchpoint, x1 = context breakpoint, x2 = address)
        .global install_wp_ctx
install_wp_ctx:
        stp     x29, x30, [sp, #-48]!
        stp     x19, x20, [sp, #16]
        str     x21, [sp, #32]
        mov     x19, x0
        mov     x20, x1
        mov     x21, x2
        mov     x0, x20
        bl      install_context_bp
        ldr     x1, =WP_CONTROL | DBGWCR_WT_LINK
        orr     x1, x1, x20, lsl #DBGWCR_LBN_SHIFT
        mov     x0, x19
        bl      write_dbgwcr
        mov     x0, x19
        mov     x1, x21
        bl      write_dbgwvr
        isb
        bl      enable_monitor_debug
        ldp     x19, x20, [sp, #16]
        ldr     x21, [sp, #32]
        ldp     x29, x30, [sp], #48
        ret

        .ltorg

// ---------------------------------------------------------------- checks
// check_equal(x0 = name, x1 = got, x2 = expected)
        .global check_equal
check_equal:
        stp     x29, x30, [sp, #-48]!
        stp     x19, x20, [sp, #16]
        str     x21, [sp, #32]
        mov     x19, x0
        mov     x20, x1
        mov     x21, x2
        adr     x0, checks_in_combination
        ldr     x1, [x0]
        add     x1, x1, #1
        str     x1, [x0]
        cmp     x20, x21
        b.ne    check_failed
        adr     x0, passes_in_combination
        ldr     x1, [x0]
        add     x1, x1, #1
        str     x1, [x0]
        load_variable x0, verbose
        cbz     x0, check_done
        print   text_pass
        mov     x0, x19
        bl      console_write_string
        bl      print_combination
        print   text_newline
        b       check_done
check_failed:
        adr     x0, failures
        ldr     x1, [x0]
        add     x1, x1, #1
        str     x1, [x0]
        print   text_fail
        mov     x0, x19
        bl      console_write_string
        bl      print_combination
        print   text_got
        mov     x0, x20
        bl      console_write_hex64
        print   text_expected
        mov     x0, x21
        bl      console_write_hex64
        print   text_newline
check_done:
        ldp     x19, x20, [sp, #16]
        ldr     x21, [sp, #32]
        ldp     x29, x30, [sp], #48
        ret

// " [b=B w=W c=C]" for the current combination
print_combination:
        stp     x29, x30, [sp, #-16]!
        print   text_b
        load_variable x0, current_b
        bl      console_write_decimal
        print   text_w
        load_variable x0, current_w
        bl      console_write_decimal
        print   text_c
        load_variable x0, current_c
        bl      console_write_decimal
        print   text_close
        ldp     x29, x30, [sp], #16
        ret

// ------------------------------------------------------ combination driver
// run_all_combinations(x0 = guest_code(b, w, c), x1 = banner) -> exit status
// As the selftest's test_guest_debug_exceptions_all(): the context-aware
// breakpoints are the highest-numbered ones (ID_AA64DFR0_EL1.CTX_CMPs), the
// others are the normal ones; every (c, b, w) runs guest_code once. Checks of
// the first combination print PASS lines; later ones print a summary line.
// Returns 0 if every check passed, 1 if not, 5 if the debug architecture is
// too small for the test.
        .global run_all_combinations
run_all_combinations:
        stp     x29, x30, [sp, #-80]!
        mov     x29, sp
        stp     x19, x20, [sp, #16]
        stp     x21, x22, [sp, #32]
        stp     x23, x24, [sp, #48]
        str     x25, [sp, #64]
        mov     x25, x0
        mov     x0, x1
        bl      console_write_string
        adr     x0, vector_table
        msr     vbar_el1, x0
        isb

        mrs     x0, id_aa64dfr0_el1
        ubfx    x22, x0, #12, #4
        add     x22, x22, #1                    // breakpoints
        ubfx    x23, x0, #20, #4
        add     x23, x23, #1                    // watchpoints
        ubfx    x24, x0, #28, #4
        add     x24, x24, #1                    // context-aware breakpoints
        ubfx    x19, x0, #0, #4                 // DebugVer
        print   text_debug_version
        mov     x0, x19
        bl      console_write_decimal
        print   text_breakpoints
        mov     x0, x22
        bl      console_write_decimal
        print   text_watchpoints
        mov     x0, x23
        bl      console_write_decimal
        print   text_context_breakpoints
        mov     x0, x24
        bl      console_write_decimal
        print   text_newline
        cmp     x19, #6                         // Armv8 debug
        b.lo    unsupported
        cmp     x22, #2
        b.lo    unsupported

        mov     x0, #1
        adr     x1, verbose
        str     x0, [x1]
        sub     x21, x22, x24                   // c: the lowest context-aware breakpoint
combination_c:
        mov     x19, #0                         // b
combination_b:
        mov     x20, #0                         // w
combination_w:
        adr     x0, current_b
        str     x19, [x0]
        adr     x0, current_w
        str     x20, [x0]
        adr     x0, current_c
        str     x21, [x0]
        clear_variable checks_in_combination
        clear_variable passes_in_combination
        clear_variable sw_bp_addr
        clear_variable hw_bp_addr
        clear_variable wp_addr
        clear_variable wp_data_addr
        clear_variable svc_addr
        clear_variable ss_idx                   // each combination starts like a fresh VM
        mov     x0, x19
        mov     x1, x20
        mov     x2, x21
        blr     x25
        load_variable x0, verbose
        cbnz    x0, 1f
        print   text_combination
        bl      print_combination
        print   text_colon
        load_variable x0, passes_in_combination
        bl      console_write_decimal
        print   text_of
        load_variable x0, checks_in_combination
        bl      console_write_decimal
        print   text_checks_passed
1:      clear_variable verbose
        add     x20, x20, #1
        cmp     x20, x23
        b.lo    combination_w
        add     x19, x19, #1
        sub     x0, x22, x24
        cmp     x19, x0
        b.lo    combination_b
        add     x21, x21, #1
        cmp     x21, x22
        b.lo    combination_c

        bl      reset_debug_state
        print   text_total_failures
        load_variable x0, failures
        bl      console_write_decimal
        print   text_newline
        load_variable x0, failures
        cmp     x0, #0
        cset    x0, ne
        b       1f
unsupported:
        print   text_unsupported
        mov     x0, #5
1:      ldp     x19, x20, [sp, #16]
        ldp     x21, x22, [sp, #32]
        ldp     x23, x24, [sp, #48]
        ldr     x25, [sp, #64]
        ldp     x29, x30, [sp], #80
        ret

// ---------------------------------------------------------------- data
        .section .rodata
text_debug_version:     .asciz "DebugVer "
text_breakpoints:       .asciz ", breakpoints "
text_watchpoints:       .asciz ", watchpoints "
text_context_breakpoints: .asciz ", context-aware breakpoints "
text_unsupported:       .asciz "SKIP: needs Armv8 debug (DebugVer >= 6) and at least 2 breakpoints\n"
text_newline:           .asciz "\n"
text_pass:              .asciz "PASS "
text_fail:              .asciz "FAIL "
text_got:               .asciz ": got "
text_expected:          .asciz " expected "
text_at:                .asciz " at "
text_b:                 .asciz " [b="
text_w:                 .asciz " w="
text_c:                 .asciz " c="
text_close:             .asciz "]"
text_colon:             .asciz ": "
text_of:                .asciz " of "
text_combination:       .asciz "combination"
text_checks_passed:     .asciz " checks passed\n"
text_total_failures:    .asciz "total failures: "
text_step_overflow:     .asciz "FAIL software step: more than 4 steps recorded (ss_idx overflow)\n"
text_unexpected_class:  .asciz "FAIL unexpected exception class (EC) "
text_unexpected_vector: .asciz "FAIL unexpected exception at vector "
name_os_lock_set:       .asciz "OSLSR_EL1.OSLK reads 1 after OSLAR_EL1 = 1"

        .data
        .balign 8
        .global sw_bp_addr, hw_bp_addr, wp_addr, wp_data_addr, svc_addr, ss_addr, ss_idx, write_data
sw_bp_addr:             .quad 0
hw_bp_addr:             .quad 0
wp_addr:                .quad 0
wp_data_addr:           .quad 0
svc_addr:               .quad 0
ss_addr:                .quad 0, 0, 0, 0
ss_idx:                 .quad 0
write_data:             .quad 0         // the selftest's volatile char; 8-byte aligned here
current_b:              .quad 0
current_w:              .quad 0
current_c:              .quad 0
checks_in_combination:  .quad 0
passes_in_combination:  .quad 0
failures:               .quad 0
verbose:                .quad 0
