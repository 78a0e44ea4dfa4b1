/* The bundled sample: `npm start` stops at line 14, inside the loop. */
#include <stdio.h>

static int square(int n)
{
    return n * n;
}

int main(void)
{
    int total = 0;
    printf("Hello from an AArch64 guest!\n");
    for (int i = 1; i <= 5; i++) {
        total += square(i);
        printf("step %d: %d squared is %d, running total %d\n", i, i, square(i), total);
    }
    printf("The sum of the first five squares is %d.\n", total);
    return 0;
}
