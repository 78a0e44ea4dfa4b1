// Entry point shared by the assembly guests that use the console routines:
// stack at the top of the first MiB of RAM, then main(); its return value
// becomes the exit status.
        .file   "start.S" // the object's STT_FILE symbol; without it the assembler uses a temporary file name
        .section .text.start, "ax"
        .global _start
        .type   _start, %function
_start:
        ldr     x0, =__stack_top
        mov     sp, x0
        // NZCV is UNKNOWN at reset (QEMU starts with Z set, KVM with all
        // clear); the guests print SPSR values, so give the flags a known value.
        msr     nzcv, xzr
        bl      main
        b       guest_exit
        .size   _start, . - _start
