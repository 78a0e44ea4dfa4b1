// The OS Lock cases of Part A of the Linux KVM selftest
// arm64/debug-exceptions.c, for every combination of normal breakpoint b,
// watchpoint w and context-aware breakpoint c: with OSLAR_EL1 = 1 (and
// OSLSR_EL1.OSLK reading 1) a hardware breakpoint, a watchpoint and software
// step must generate no exception, and the watched store must complete.
// (A BRK under the OS Lock is still taken: that case is in ../debug-exceptions.)
//
// QEMU 7.2 disagrees: it lets all three fire under the OS Lock (its check
// looks at OSLSR_EL1 bit 0, OSLM[0], not bit 1, OSLK), so this guest prints
// FAIL lines under it; that output is kept as debug-os-lock.qemu-stdout. The
// reference, debug-os-lock.expected-stdout, comes instead from a build with
// OS_DOUBLE_LOCK_STANDS_IN_FOR_OS_LOCK (see ../asm-lib/self-debug.S), which
// also sets the OS Double Lock: QEMU honours that one, and architecturally it
// blocks exactly the same exceptions, so that run prints what this ELF must
// print on a correct implementation.
// Exit status: 0 if every check passed, 1 otherwise.
        .file   "debug-os-lock.S" // the object's STT_FILE symbol; without it the assembler uses a temporary file name
#include "../asm-lib/self-debug.inc"

        .text
// guest_code(x0 = b, x1 = w, x2 = c)
guest_code:
        stp     x29, x30, [sp, #-32]!
        stp     x19, x20, [sp, #16]
        mov     x19, x0
        mov     x20, x1

        // OS Lock blocking hardware-breakpoint
        bl      reset_debug_state
        bl      enable_os_lock
        mov     x0, x19
        adr     x1, hw_bp2
        bl      install_hw_bp
        clear_variable hw_bp_addr
hw_bp2: nop
        load_variable x1, hw_bp_addr
        expect  name_os_lock_hw_bp, x1, xzr

        // OS Lock blocking watchpoint
        bl      reset_debug_state
        bl      enable_os_lock
        adr     x0, write_data
        strb    wzr, [x0]
        clear_variable wp_data_addr
        mov     x0, x20
        adr     x1, write_data
        bl      install_wp
        adr     x0, write_data
        mov     w1, #'x'
        strb    w1, [x0]
        ldrb    w1, [x0]
        mov     x2, #'x'
        expect  name_os_lock_wp_store, x1, x2
        load_variable x1, wp_data_addr
        expect  name_os_lock_wp, x1, xzr

        // OS Lock blocking single-step. ss_idx is also cleared before
        // install_ss (the selftest only clears it after): where the lock is
        // not honoured the steps taken on the way would overflow ss_addr.
        bl      reset_debug_state
        bl      enable_os_lock
        clear_variable ss_addr
        clear_variable ss_idx
        install_ss
        clear_variable ss_idx
        mrs     x0, esr_el1
        add     x0, x0, #1
        msr     daifset, #8
        load_variable x1, ss_addr
        expect  name_os_lock_ss, x1, xzr

        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #32
        ret

        .global main
        .type   main, %function
main:
        stp     x29, x30, [sp, #-16]!
        adr     x0, guest_code
        adr     x1, text_banner
        bl      run_all_combinations
        ldp     x29, x30, [sp], #16
        ret
        .size   main, . - main

        .section .rodata
text_banner:            .asciz "debug-os-lock: KVM selftest Part A, OS Lock cases\n"
name_os_lock_hw_bp:     .asciz "OS lock: hardware breakpoint blocked, hw_bp_addr = 0"
name_os_lock_wp_store:  .asciz "OS lock: store completes (write_data = 'x')"
name_os_lock_wp:        .asciz "OS lock: watchpoint blocked, wp_data_addr = 0"
name_os_lock_ss:        .asciz "OS lock: single step blocked, ss_addr[0] = 0"
