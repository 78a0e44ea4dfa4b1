/*
 * Sums the squares 1..5 and prints a running total: a first program to debug.
 * Put a breakpoint on the `total += square(i);` line (click the gutter), press F5,
 * then look at the registers in the Variables view and type `total`, `i_count`,
 * `x0` or `info registers` in the Debug Console.
 */
#include <stdio.h>

/* Globals, so the Debug Console can read them by name at any optimisation level. */
volatile unsigned int total;
volatile unsigned int i_count;

static unsigned int square(unsigned int n)
{
    return n * n;
}

int main(void)
{
    for (unsigned int i = 1; i <= 5; i++) {
        total += square(i);
        i_count = i;
        printf("i=%u total=%u\n", i, total);
    }
    printf("sum of squares 1..5 = %u\n", total);
    return 0;
}
