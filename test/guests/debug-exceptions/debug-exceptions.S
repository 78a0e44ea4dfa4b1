// Port of Part A of the Linux KVM selftest arm64/debug-exceptions.c: the
// guest debugs itself at EL1 with its own vectors (../asm-lib/self-debug.S).
// For every combination of normal breakpoint b, watchpoint w and context-aware
// breakpoint c it runs the selftest's guest_code scenarios and checks each
// expectation: software breakpoint; hardware breakpoint on NOP, on SVC and on
// BRK; watchpoint; software step; BRK under the OS Lock; a breakpoint and a
// watchpoint linked to a Context-ID breakpoint.
// The three OS Lock cases that must block debug exceptions (breakpoint,
// watchpoint, step) are in ../debug-os-lock: QEMU 7.2 does not honour the OS
// Lock for them, so their reference output cannot come from QEMU.
// Exit status: 0 if every check passed, 1 otherwise.
        .file   "debug-exceptions.S" // the object's STT_FILE symbol; without it the assembler uses a temporary file name
#include "../asm-lib/self-debug.inc"

        .text
// guest_code(x0 = b, x1 = w, x2 = c): the selftest's guest_code(bpn, wpn, ctx_bpn)
guest_code:
        stp     x29, x30, [sp, #-48]!
        stp     x19, x20, [sp, #16]
        stp     x21, x22, [sp, #32]
        mov     x19, x0
        mov     x20, x1
        mov     x21, x2

        // Software-breakpoint
        bl      reset_debug_state
sw_bp:  brk     #0
        load_variable x1, sw_bp_addr
        adr     x2, sw_bp
        expect  name_sw_bp, x1, x2

        // Hardware-breakpoint
        bl      reset_debug_state
        mov     x0, x19
        adr     x1, hw_bp
        bl      install_hw_bp
hw_bp:  nop
        load_variable x1, hw_bp_addr
        adr     x2, hw_bp
        expect  name_hw_bp, x1, x2

        // Hardware-breakpoint + svc
        bl      reset_debug_state
        mov     x0, x19
        adr     x1, bp_svc
        bl      install_hw_bp
bp_svc: svc     #0
        load_variable x1, hw_bp_addr
        adr     x2, bp_svc
        expect  name_bp_svc_bp, x1, x2
        load_variable x1, svc_addr
        adr     x2, bp_svc + 4
        expect  name_bp_svc_svc, x1, x2

        // Hardware-breakpoint + software-breakpoint
        bl      reset_debug_state
        mov     x0, x19
        adr     x1, bp_brk
        bl      install_hw_bp
bp_brk: brk     #0
        load_variable x1, sw_bp_addr
        adr     x2, bp_brk
        expect  name_bp_brk_brk, x1, x2
        load_variable x1, hw_bp_addr
        adr     x2, bp_brk
        expect  name_bp_brk_bp, x1, x2

        // Watchpoint
        bl      reset_debug_state
        mov     x0, x20
        adr     x1, write_data
        bl      install_wp
        adr     x0, write_data
        mov     w1, #'x'
        strb    w1, [x0]
        ldrb    w1, [x0]
        mov     x2, #'x'
        expect  name_wp_store, x1, x2
        load_variable x1, wp_data_addr
        adr     x2, write_data
        expect  name_wp_far, x1, x2

        // Single-step: the steps taken before ss_start are absorbed by clearing ss_idx.
        bl      reset_debug_state
        install_ss
        clear_variable ss_idx
ss_start:
        mrs     x0, esr_el1
        add     x0, x0, #1
        msr     daifset, #8
        adr     x22, ss_addr
        ldr     x1, [x22]
        adr     x2, ss_start
        expect  name_ss_0, x1, x2
        ldr     x1, [x22, #8]
        adr     x2, ss_start + 4
        expect  name_ss_1, x1, x2
        ldr     x1, [x22, #16]
        adr     x2, ss_start + 8
        expect  name_ss_2, x1, x2

        // OS Lock does not block software-breakpoint
        bl      reset_debug_state
        bl      enable_os_lock
        clear_variable sw_bp_addr
sw_bp2: brk     #0
        load_variable x1, sw_bp_addr
        adr     x2, sw_bp2
        expect  name_os_lock_sw_bp, x1, x2

        // Linked hardware-breakpoint
        clear_variable hw_bp_addr
        bl      reset_debug_state
        mov     x0, x19
        mov     x1, x21
        adr     x2, hw_bp_ctx
        bl      install_hw_bp_ctx
        ldr     x0, =CONTEXT_ID
        msr     contextidr_el1, x0
        isb
hw_bp_ctx:
        nop
        msr     contextidr_el1, xzr
        load_variable x1, hw_bp_addr
        adr     x2, hw_bp_ctx
        expect  name_linked_bp, x1, x2

        // Linked watchpoint
        bl      reset_debug_state
        mov     x0, x20
        mov     x1, x21
        adr     x2, write_data
        bl      install_wp_ctx
        ldr     x0, =CONTEXT_ID
        msr     contextidr_el1, x0
        isb
        adr     x0, write_data
        mov     w1, #'x'
        strb    w1, [x0]
        ldrb    w1, [x0]
        mov     x2, #'x'
        expect  name_linked_wp_store, x1, x2
        load_variable x1, wp_data_addr
        adr     x2, write_data
        expect  name_linked_wp, x1, x2

        ldp     x19, x20, [sp, #16]
        ldp     x21, x22, [sp, #32]
        ldp     x29, x30, [sp], #48
        ret

        .ltorg

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
text_banner:            .asciz "debug-exceptions: KVM selftest Part A, guest-internal debug at EL1\n"
name_sw_bp:             .asciz "software breakpoint: BRK handler saw ELR = sw_bp"
name_hw_bp:             .asciz "hardware breakpoint on nop: hw_bp_addr = hw_bp"
name_bp_svc_bp:         .asciz "hardware breakpoint on svc: breakpoint first, hw_bp_addr = bp_svc"
name_bp_svc_svc:        .asciz "hardware breakpoint on svc: then the SVC, svc_addr = bp_svc + 4"
name_bp_brk_brk:        .asciz "hardware breakpoint on brk: BRK still taken, sw_bp_addr = bp_brk"
name_bp_brk_bp:         .asciz "hardware breakpoint on brk: breakpoint first, hw_bp_addr = bp_brk"
name_wp_store:          .asciz "watchpoint: the store completes after the handler (write_data = 'x')"
name_wp_far:            .asciz "watchpoint: FAR_EL1 = &write_data"
name_ss_0:              .asciz "single step: ss_addr[0] = ss_start"
name_ss_1:              .asciz "single step: ss_addr[1] = ss_start + 4"
name_ss_2:              .asciz "single step: ss_addr[2] = ss_start + 8"
name_os_lock_sw_bp:     .asciz "OS lock: BRK still taken, sw_bp_addr = sw_bp2"
name_linked_bp:         .asciz "linked context-ID breakpoint: hw_bp_addr = hw_bp_ctx"
name_linked_wp_store:   .asciz "linked context-ID watchpoint: store completes (write_data = 'x')"
name_linked_wp:         .asciz "linked context-ID watchpoint: wp_data_addr = &write_data"
