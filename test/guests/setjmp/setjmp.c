/*
 * setjmp/longjmp: returning 0 then the longjmp value (0 becomes 1), unwinding
 * out of deep recursion, nested jump buffers, and preservation of callee-saved
 * state: X19-X28, the frame pointer, SP and the low halves of V8-V15 (D8-D15)
 * that the library saves and restores by hand.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

static jmp_buf outer;
static jmp_buf inner;
static volatile unsigned depth_reached;

/* Every path ends in longjmp, which gcc reads as "never returns normally". */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static void dive(unsigned depth, unsigned limit)
{
    volatile char frame_padding[64];
    frame_padding[depth % 64] = (char)depth;
    depth_reached = depth;
    if (depth < limit)
        dive(depth + 1, limit);
    else
        longjmp(outer, (int)depth);
    frame_padding[0]++;
}

static void jump_with_zero(void)
{
    longjmp(outer, 0);
}

static int nested(int value)
{
    int result = setjmp(inner);
    if (result == 0) {
        if (value > 2)
            longjmp(inner, value * 10);
        return value;
    }
    return result + 1;
}

/*
 * Values kept in callee-saved registers across setjmp: compiled with
 * optimisation these live in X19.. and D8..; longjmp must bring back the values
 * they had when setjmp was called (they are not modified in between, so the
 * result is defined).
 */
static __attribute__((noinline)) void clobber_callee_saved(void)
{
    __asm__ volatile(
        "mov x19, #0x1919\n mov x20, #0x2020\n mov x21, #0x2121\n mov x22, #0x2222\n"
        "mov x23, #0x2323\n mov x24, #0x2424\n mov x25, #0x2525\n mov x26, #0x2626\n"
        "mov x27, #0x2727\n mov x28, #0x2828\n"
        "fmov d8, #1.0\n fmov d9, #2.0\n fmov d10, #3.0\n fmov d11, #4.0\n"
        "fmov d12, #5.0\n fmov d13, #6.0\n fmov d14, #7.0\n fmov d15, #8.0\n"
        ::: "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28",
            "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15");
    longjmp(outer, 99);
}

static void check_callee_saved(void)
{
    uint64_t before[10], after[10];
    double fp_before[8], fp_after[8];
    __asm__ volatile(
        "mov x19, #0x101\n mov x20, #0x202\n mov x21, #0x303\n mov x22, #0x404\n"
        "mov x23, #0x505\n mov x24, #0x606\n mov x25, #0x707\n mov x26, #0x808\n"
        "mov x27, #0x909\n mov x28, #0xa0a\n"
        "fmov d8, #-1.5\n fmov d9, #-2.5\n fmov d10, #-3.5\n fmov d11, #-4.5\n"
        "fmov d12, #-5.5\n fmov d13, #-6.5\n fmov d14, #-7.5\n fmov d15, #-8.5\n"
        "stp x19, x20, [%0]\n stp x21, x22, [%0, #16]\n stp x23, x24, [%0, #32]\n"
        "stp x25, x26, [%0, #48]\n stp x27, x28, [%0, #64]\n"
        "stp d8, d9, [%1]\n stp d10, d11, [%1, #16]\n stp d12, d13, [%1, #32]\n stp d14, d15, [%1, #48]\n"
        :: "r"(before), "r"(fp_before)
        : "memory", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28",
          "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15");
    /* The registers now hold known values; setjmp records them. */
    if (setjmp(outer) == 0)
        clobber_callee_saved();
    __asm__ volatile(
        "stp x19, x20, [%0]\n stp x21, x22, [%0, #16]\n stp x23, x24, [%0, #32]\n"
        "stp x25, x26, [%0, #48]\n stp x27, x28, [%0, #64]\n"
        "stp d8, d9, [%1]\n stp d10, d11, [%1, #16]\n stp d12, d13, [%1, #32]\n stp d14, d15, [%1, #48]\n"
        :: "r"(after), "r"(fp_after) : "memory");
    unsigned same = 0;
    for (int i = 0; i < 10; i++)
        same += before[i] == after[i];
    for (int i = 0; i < 8; i++)
        same += fp_before[i] == fp_after[i];
    printf("callee-saved registers restored: %u of 18 (x19=%#" PRIx64 " d15=%g)\n", same, after[0], fp_after[7]);
}

int main(void)
{
    printf("setjmp\n");
    volatile int rounds = 0;
    int value = setjmp(outer);
    printf("setjmp returned %d (round %d)\n", value, rounds);
    rounds++;
    if (rounds == 1)
        longjmp(outer, 42);
    if (rounds == 2)
        jump_with_zero();
    if (rounds == 3)
        dive(0, 500);
    printf("deepest frame %u\n", depth_reached);

    for (int v = 0; v < 6; v++)
        printf("nested(%d) = %d\n", v, nested(v));

    uint64_t stack_before, stack_after;
    __asm__ volatile("mov %0, sp" : "=r"(stack_before));
    if (setjmp(outer) == 0)
        dive(0, 50);
    __asm__ volatile("mov %0, sp" : "=r"(stack_after));
    printf("sp restored: %s\n", stack_before == stack_after ? "yes" : "no");

    check_callee_saved();
    return 0;
}
