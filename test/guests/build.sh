#!/usr/bin/env bash
# Rebuilds the guest corpus from source and regenerates its QEMU references.
#
#   test/guests/build.sh [--no-references | --references-only] [GUEST...]
#
# C guests are built four ways: gcc 12 at -O0 and -O2, and clang 14
# (--target=aarch64-none-elf, compile only) at -O0 and -O2 linked by gcc,
# all against picolibc with semihosting, for QEMU's virt board (code from
# 0x4000_0000, data and stack in the 16 MiB from 0x4040_0000):
#   GUEST/GUEST-gcc-O0.elf  GUEST/GUEST-gcc-O2.elf  GUEST/GUEST-clang-O0.elf  GUEST/GUEST-clang-O2.elf
# Assembly guests are built once with gcc (no library, asm-lib/guest.ld):
#   GUEST/GUEST.elf
# The sample for `npm start` is gcc -O0: sample/hello.elf.
#
# Every ELF keeps its DWARF, with source paths made relative to the guest's
# folder (-fdebug-prefix-map). picolibc's own DWARF is left out (the guests
# link copies of libc.a and libsemihost.a with their debug sections removed):
# it would make every ELF four times bigger and the library is not what the
# corpus is about; library functions appear with symbols but no line
# information, as they do in most real programs. Then each ELF runs under qemu-system-aarch64
# (run-qemu.sh) and its console output and exit status become
# X.expected-stdout and X.expected-status next to X.elf. Arguments for a
# guest, one per line, come from GUEST/GUEST.args.
#
# Where QEMU 7.2 does not implement what a guest tests as the architecture
# says, the guest has a stand-in define in REFERENCE_STAND_INS: the reference
# comes from a build with that define (which QEMU runs as the architecture
# says the real one should run), and QEMU's output for the real ELF is kept as
# X.qemu-stdout / X.qemu-status for comparison. Only debug-os-lock needs one:
# QEMU ignores the OS Lock but honours the OS Double Lock, which blocks the
# same exceptions.
#
# Needs: aarch64-linux-gnu-gcc (12), clang (14), picolibc for aarch64,
# qemu-system-aarch64 (Debian: gcc-aarch64-linux-gnu clang
# picolibc-aarch64-linux-gnu qemu-system-arm).
set -euo pipefail
cd "$(dirname "$0")"
GUESTS_DIR=$PWD

C_GUESTS=(
    printf-int printf-float memory-routines string-routines int128 jump-tables
    function-pointers recursion setjmp atomics qsort float-math bit-manipulation
    integer-kernel command-line uart
)
ASM_GUESTS=(hello-asm exceptions debug-exceptions debug-os-lock)
declare -A REFERENCE_STAND_INS=([debug-os-lock]=OS_DOUBLE_LOCK_STANDS_IN_FOR_OS_LOCK)
# Library sources linked into the assembly guests that use them, per guest.
declare -A ASM_LIBRARY_SOURCES=(
    [hello-asm]=""
    [exceptions]="../asm-lib/start.S ../asm-lib/console.S"
    [debug-exceptions]="../asm-lib/start.S ../asm-lib/console.S ../asm-lib/self-debug.S"
    [debug-os-lock]="../asm-lib/start.S ../asm-lib/console.S ../asm-lib/self-debug.S"
)

GCC=aarch64-linux-gnu-gcc
CLANG=clang
PICOLIBC_INCLUDE=/usr/lib/picolibc/aarch64-linux-gnu/include
PICOLIBC_LINK_FLAGS=(
    -specs=picolibc.specs --oslib=semihost --crt0=semihost -static
    -Wl,--defsym=__flash=0x40000000 -Wl,--defsym=__flash_size=0x400000
    -Wl,--defsym=__ram=0x40400000 -Wl,--defsym=__ram_size=0x1000000
    -Wl,-z,max-page-size=4096
)
ASM_LINK_FLAGS=(
    -nostdlib -static -Wl,-T,../asm-lib/guest.ld -Wl,--build-id=none
    -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments
)
WARNINGS=(-Wall -Wextra)
PICOLIBC_LIBRARY_DIR=/usr/lib/picolibc/aarch64-linux-gnu/lib
# Filled by prepare_libraries_without_debug_info.
PICOLIBC_LIBRARIES=()

build=1
references=1
case "${1:-}" in
--no-references) references=0; shift ;;
--references-only) build=0; shift ;;
esac
selected=("$@")

is_selected() {
    [ ${#selected[@]} -eq 0 ] && return 0
    local name
    for name in "${selected[@]}"; do
        [ "$name" = "$1" ] && return 0
    done
    return 1
}

require_tool() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "build.sh: $1 is not installed" >&2
        exit 1
    fi
}

# Copies libc.a and libsemihost.a without their debug sections into a
# temporary folder; the guests link them ahead of the installed ones.
prepare_libraries_without_debug_info() {
    local library
    STRIPPED_LIBRARY_DIR=$(mktemp -d)
    trap 'rm -rf "$STRIPPED_LIBRARY_DIR"' EXIT
    for library in libc.a libsemihost.a; do
        aarch64-linux-gnu-objcopy --strip-debug "$PICOLIBC_LIBRARY_DIR/$library" "$STRIPPED_LIBRARY_DIR/$library"
    done
    PICOLIBC_LIBRARIES=(-Wl,--start-group "$STRIPPED_LIBRARY_DIR/libc.a" "$STRIPPED_LIBRARY_DIR/libsemihost.a"
        -lgcc -Wl,--end-group)
}

# Compiles GUEST/GUEST.c four ways; runs inside the guest folder so that the
# DWARF names the source "GUEST.c" with compilation directory ".".
build_c_guest() {
    local name=$1 level object_dir
    object_dir=$(mktemp -d)
    (
        cd "$GUESTS_DIR/$name"
        local prefix_map="-fdebug-prefix-map=$PWD=."
        for level in O0 O2; do
            echo "  $name-gcc-$level.elf"
            $GCC -$level -g "$prefix_map" "${WARNINGS[@]}" "${PICOLIBC_LINK_FLAGS[@]}" \
                -o "$name-gcc-$level.elf" "$name.c" "${PICOLIBC_LIBRARIES[@]}"
            echo "  $name-clang-$level.elf"
            $CLANG --target=aarch64-none-elf -$level -g "$prefix_map" "${WARNINGS[@]}" \
                -isystem "$PICOLIBC_INCLUDE" -c -o "$object_dir/$name.o" "$name.c"
            $GCC "${PICOLIBC_LINK_FLAGS[@]}" -o "$name-clang-$level.elf" "$object_dir/$name.o" \
                "${PICOLIBC_LIBRARIES[@]}"
        done
    )
    rm -rf "$object_dir"
}

# build_asm_guest NAME [OUTPUT [EXTRA-FLAG...]]
build_asm_guest() {
    local name=$1 output=${2:-$1.elf}
    shift $(($# < 2 ? $# : 2))
    (
        cd "$GUESTS_DIR/$name"
        echo "  $output"
        # shellcheck disable=SC2086 # the library list is a space-separated list of paths
        $GCC -g "-fdebug-prefix-map=$PWD=." "$@" "${ASM_LINK_FLAGS[@]}" -o "$output" \
            ${ASM_LIBRARY_SOURCES[$name]} "$name.S"
    )
}

build_sample() {
    (
        cd "$GUESTS_DIR/sample"
        echo "  hello.elf"
        $GCC -O0 -g "-fdebug-prefix-map=$PWD=." "${WARNINGS[@]}" "${PICOLIBC_LINK_FLAGS[@]}" \
            -o hello.elf hello.c "${PICOLIBC_LIBRARIES[@]}"
    )
}

# Runs X.elf under QEMU and records X.expected-stdout / X.expected-status;
# for a guest with a stand-in, the stand-in build gives the .expected-* files
# and X.elf itself the .qemu-* files.
record_reference() {
    local elf=$1 name=$2 arguments=()
    local base=${elf%.elf}
    if [ -f "$GUESTS_DIR/$name/$name.args" ]; then
        mapfile -t arguments <"$GUESTS_DIR/$name/$name.args"
    fi
    local stand_in=${REFERENCE_STAND_INS[$name]:-}
    if [ -z "$stand_in" ]; then
        run_and_record "$elf" "$base.expected" "${arguments[@]}"
        return
    fi
    local stand_in_elf
    stand_in_elf=$(mktemp --suffix=.elf)
    build_asm_guest "$name" "$stand_in_elf" "-D$stand_in" >/dev/null
    run_and_record "$stand_in_elf" "$base.expected" "${arguments[@]}"
    rm -f "$stand_in_elf"
    run_and_record "$elf" "$base.qemu" "${arguments[@]}"
    if ! cmp -s "$base.qemu-stdout" "$base.expected-stdout"; then
        echo "    QEMU runs $(basename "$elf") differently from the architecture (see $name/$name.S)"
    fi
}

# run_and_record ELF OUTPUT-BASE [ARG...]: OUTPUT-BASE-stdout and OUTPUT-BASE-status.
# Runs in the ELF's folder with its bare name, so that the command line the
# guest sees does not depend on where the corpus lives.
run_and_record() {
    local elf=$1 output=$2 status=0
    shift 2
    (cd "$(dirname "$elf")" && "$GUESTS_DIR/run-qemu.sh" "$(basename "$elf")" "$@") >"$output-stdout" || status=$?
    echo "$status" >"$output-status"
    echo "  $(basename "$output")-stdout: $(wc -c <"$output-stdout") bytes, exit status $status"
}

if [ $build -eq 1 ]; then
    require_tool $GCC
    require_tool $CLANG
    if [ ! -d "$PICOLIBC_INCLUDE" ]; then
        echo "build.sh: picolibc for aarch64 is not installed ($PICOLIBC_INCLUDE)" >&2
        exit 1
    fi
    require_tool aarch64-linux-gnu-objcopy
    prepare_libraries_without_debug_info
    echo "Building guests"
    for name in "${C_GUESTS[@]}"; do
        is_selected "$name" && build_c_guest "$name"
    done
    for name in "${ASM_GUESTS[@]}"; do
        is_selected "$name" && build_asm_guest "$name"
    done
    is_selected sample && build_sample
fi

if [ $references -eq 1 ]; then
    require_tool qemu-system-aarch64
    echo "Recording QEMU references"
    for name in "${C_GUESTS[@]}" "${ASM_GUESTS[@]}" sample; do
        is_selected "$name" || continue
        for elf in "$GUESTS_DIR/$name"/*.elf; do
            record_reference "$elf" "$name"
        done
    done
fi
