// A hostile guest that tries to reach host files outside the semihosting host
// folder in every way the interface allows, and one legitimate access of each
// kind for contrast. Each attempt prints one line:
//     <name> <result>[ errno <SYS_ERRNO>][ read <text>| read -1 errno <n>| wrote]
// An open that succeeds is read from (read modes) or written "pwned" (write
// modes), so an escape shows in the output and in the host files. The test
// (test/reliability/hostFiles.test.ts) builds the folder layout:
//   host/inside.txt, host/sub/, host/link-in -> inside.txt, host/sub/link-up -> ..,
//   host/link-out -> ../outside/secret.txt, host/link-abs -> <abs>/outside/secret.txt,
//   host/link-dir -> ../outside, host/link-dangling -> ../outside/created.txt,
//   outside/secret.txt, outside/victim.txt
// and passes two absolute paths on the command line:
//   <outside>/secret.txt <outside>/abs-created.txt
#include "lib/guest.inc"

// ---------------------------------------------------------------- attempts
        // \name: the line's label; \path: a string defined with `path`
        .macro  try_open name, path, mode
        adr     x0, 9f
        adr     x1, \path
        mov     x2, #\path\()_len
        mov     x3, #\mode
        bl      try_open_length
        b       8f
9:      .asciz  "\name"
        .balign 4
8:
        .endm

        .macro  try_remove name, path
        adr     x0, 9f
        adr     x1, \path
        mov     x2, #\path\()_len
        bl      try_remove_length
        b       8f
9:      .asciz  "\name"
        .balign 4
8:
        .endm

        .macro  try_rename name, from, to
        adr     x0, 9f
        adr     x1, \from
        mov     x2, #\from\()_len
        adr     x3, \to
        mov     x4, #\to\()_len
        bl      try_rename_length
        b       8f
9:      .asciz  "\name"
        .balign 4
8:
        .endm

        .macro  try_system name, command
        adr     x0, 9f
        adr     x1, \command
        mov     x2, #\command\()_len
        bl      try_system_length
        b       8f
9:      .asciz  "\name"
        .balign 4
8:
        .endm

        .macro  path name, text
\name:  .ascii  "\text"
        .equ    \name\()_len, . - \name
        .byte   0
        .endm

        .section .rodata
        path    p_inside, "inside.txt"
        path    p_link_in, "link-in"
        path    p_link_up, "sub/link-up/inside.txt"
        path    p_created_inside, "created-inside.txt"
        path    p_etc_passwd, "/etc/passwd"
        path    p_parent, "../outside/secret.txt"
        path    p_sub_parent, "sub/../../outside/secret.txt"
        path    p_backslash_parent, "..\\outside\\secret.txt"
        path    p_link_out, "link-out"
        path    p_link_abs, "link-abs"
        path    p_link_dir_secret, "link-dir/secret.txt"
        path    p_link_dir_new, "link-dir/new.txt"
        path    p_link_dangling, "link-dangling"
        path    p_embedded_nul, "inside.txt\0/../../outside/secret.txt"
        path    p_sub, "sub"
        path    p_parent_victim, "../outside/victim.txt"
        path    p_link_dir_victim, "link-dir/victim.txt"
        path    p_parent_moved, "../outside/moved.txt"
        path    p_stolen, "stolen.txt"
        path    p_command, "touch pwned-by-system"

space:      .asciz  " "
errno_text: .asciz  " errno "
read_text:  .asciz  " read "
read_failed_text: .asciz " read"
wrote_text: .asciz  " wrote"
newline:    .asciz  "\n"
pwned:      .ascii  "pwned"

n_open_absolute:   .asciz "open-absolute"
n_create_absolute: .asciz "create-absolute"

        .data
        .balign 8
absolute_secret: .quad 0
absolute_create: .quad 0

        .text
        .global _start
_start:
        adr     x0, stack_top
        mov     sp, x0
        bl      read_command_line

        // Allowed: plain names inside the folder, links that stay inside.
        try_open open-inside, p_inside, OPEN_READ
        try_open open-link-in, p_link_in, OPEN_READ
        try_open open-link-up, p_link_up, OPEN_READ
        try_open create-inside, p_created_inside, OPEN_WRITE

        // Refused: every way out.
        adr     x0, n_open_absolute
        ldr     x1, absolute_secret
        mov     x3, #OPEN_READ
        bl      try_open_string
        adr     x0, n_create_absolute
        ldr     x1, absolute_create
        mov     x3, #OPEN_WRITE
        bl      try_open_string
        try_open open-etc-passwd, p_etc_passwd, OPEN_READ
        try_open open-parent, p_parent, OPEN_READ
        try_open open-sub-parent, p_sub_parent, OPEN_READ
        try_open open-backslash-parent, p_backslash_parent, OPEN_READ
        try_open open-link-out, p_link_out, OPEN_READ
        try_open truncate-link-out, p_link_out, OPEN_WRITE
        try_open append-link-out, p_link_out, OPEN_APPEND
        try_open open-link-abs, p_link_abs, OPEN_READ
        try_open open-through-link-dir, p_link_dir_secret, OPEN_READ
        try_open create-through-link-dir, p_link_dir_new, OPEN_WRITE
        try_open create-dangling, p_link_dangling, OPEN_WRITE
        try_open open-embedded-nul, p_embedded_nul, OPEN_READ
        try_open open-directory, p_sub, OPEN_READ
        try_remove remove-parent, p_parent_victim
        try_remove remove-through-link-dir, p_link_dir_victim
        try_remove remove-link-out-target, p_link_out
        try_rename rename-out, p_inside, p_parent_moved
        try_rename rename-in, p_parent_victim, p_stolen
        try_rename rename-through-link-dir, p_link_dir_victim, p_stolen
        try_system system-touch, p_command

        mov     x0, #0
        b       exit

// try_open_string(x0 = name, x1 = NUL-terminated path, x3 = mode)
try_open_string:
        mov     x2, #0
1:      ldrb    w4, [x1, x2]
        cbz     w4, try_open_length
        add     x2, x2, #1
        b       1b

// try_open_length(x0 = name, x1 = path, x2 = length, x3 = mode)
try_open_length:
        stp     x29, x30, [sp, #-64]!
        mov     x29, sp
        stp     x19, x20, [sp, #16]
        stp     x1, x3, [sp, #32]               // SYS_OPEN block: path, mode, length
        str     x2, [sp, #48]
        mov     x20, x3
        bl      print_string
        add     x1, sp, #32
        semihosting SYS_OPEN
        mov     x19, x0
        bl      print_result
        tbnz    x19, #63, 3f
        cbnz    x20, 1f
        // Read mode: show what the guest got.
        adr     x1, io_block
        stp     x19, xzr, [x1]
        adr     x2, read_buffer
        str     x2, [x1, #8]
        mov     x2, #63
        str     x2, [x1, #16]
        semihosting SYS_READ
        cmn     x0, #1
        b.eq    4f
        mov     x2, #63
        sub     x2, x2, x0                      // bytes read
        adr     x1, read_buffer
        strb    wzr, [x1, x2]
        print   read_text
        adr     x0, read_buffer
        bl      print_string
        b       2f
1:      // Write mode: leave a mark.
        adr     x1, io_block
        adr     x2, pwned
        stp     x19, x2, [x1]
        mov     x2, #5
        str     x2, [x1, #16]
        semihosting SYS_WRITE
        print   wrote_text
        b       2f
4:      // The read failed: " read -1 errno N".
        print   read_failed_text
        mov     x0, #-1
        bl      print_result
2:      adr     x1, io_block
        str     x19, [x1]
        semihosting SYS_CLOSE
3:      print   newline
        ldp     x19, x20, [sp, #16]
        ldp     x29, x30, [sp], #64
        ret

// try_remove_length(x0 = name, x1 = path, x2 = length)
try_remove_length:
        stp     x29, x30, [sp, #-32]!
        mov     x29, sp
        stp     x1, x2, [sp, #16]
        bl      print_string
        add     x1, sp, #16
        semihosting SYS_REMOVE
        bl      print_result
        print   newline
        ldp     x29, x30, [sp], #32
        ret

// try_rename_length(x0 = name, x1 = from, x2 = from length, x3 = to, x4 = to length)
try_rename_length:
        stp     x29, x30, [sp, #-48]!
        mov     x29, sp
        stp     x1, x2, [sp, #16]
        stp     x3, x4, [sp, #32]
        bl      print_string
        add     x1, sp, #16
        semihosting SYS_RENAME
        bl      print_result
        print   newline
        ldp     x29, x30, [sp], #48
        ret

// try_system_length(x0 = name, x1 = command, x2 = length)
try_system_length:
        stp     x29, x30, [sp, #-32]!
        mov     x29, sp
        stp     x1, x2, [sp, #16]
        bl      print_string
        add     x1, sp, #16
        semihosting SYS_SYSTEM
        bl      print_result
        print   newline
        ldp     x29, x30, [sp], #32
        ret

// print_result(x0 = semihosting result): " <result>", and " errno <n>" when it is -1
print_result:
        stp     x29, x30, [sp, #-32]!
        mov     x29, sp
        str     x19, [sp, #16]
        mov     x19, x0
        print   space
        mov     x0, x19
        bl      print_signed
        cmn     x19, #1
        b.ne    1f
        print   errno_text
        semihosting SYS_ERRNO
        bl      print_signed
1:      ldr     x19, [sp, #16]
        ldp     x29, x30, [sp], #32
        ret

// read_command_line: "prog ABS_SECRET ABS_CREATE" -> absolute_secret, absolute_create
read_command_line:
        mov     x9, x30
        adr     x1, io_block
        adr     x0, command_line
        mov     x2, #1024
        stp     x0, x2, [x1]
        semihosting SYS_GET_CMDLINE
        adr     x0, command_line
        bl      next_word                       // skip the program name
        adr     x1, absolute_secret
        str     x0, [x1]
        bl      next_word
        adr     x1, absolute_create
        str     x0, [x1]
        bl      next_word                       // ends the last word
        mov     x30, x9
        ret

// next_word(x0 = string): ends the current word with NUL, returns the next word's start
next_word:
1:      ldrb    w1, [x0]
        cbz     w1, 3f
        add     x0, x0, #1
        cmp     w1, #' '
        b.ne    1b
        strb    wzr, [x0, #-1]
3:      ret

        .bss
        .balign 16
io_block:       .space  32
read_buffer:    .space  64
command_line:   .space  1024
        .space  4096
stack_top:
