/*
 * Indirect calls (BLR) through tables, struct "vtables" and returned function
 * pointers; indirect tail calls (BR); callbacks; and variadic functions that
 * read integers, doubles and structs with va_arg (the AAPCS64 va_list with its
 * separate general and FP/SIMD save areas).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

typedef int64_t (*binary_op)(int64_t, int64_t);

static int64_t add(int64_t a, int64_t b) { return a + b; }
static int64_t subtract(int64_t a, int64_t b) { return a - b; }
static int64_t multiply(int64_t a, int64_t b) { return a * b; }
static int64_t maximum(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t shift_mix(int64_t a, int64_t b) { return (a << (b & 15)) ^ (a >> 3); }

static const struct {
    const char *name;
    binary_op apply;
} operations[] = {
    { "add", add }, { "subtract", subtract }, { "multiply", multiply },
    { "maximum", maximum }, { "shift_mix", shift_mix },
};

#define OPERATION_COUNT (sizeof(operations) / sizeof(operations[0]))

/* A "class" with a table of methods, as C code often hand-rolls it. */
struct shape;
struct shape_methods {
    double (*area)(const struct shape *);
    const char *(*name)(void);
};
struct shape {
    const struct shape_methods *methods;
    double a, b;
};

static double rectangle_area(const struct shape *s) { return s->a * s->b; }
static const char *rectangle_name(void) { return "rectangle"; }
static double triangle_area(const struct shape *s) { return 0.5 * s->a * s->b; }
static const char *triangle_name(void) { return "triangle"; }

static const struct shape_methods rectangle_methods = { rectangle_area, rectangle_name };
static const struct shape_methods triangle_methods = { triangle_area, triangle_name };

static binary_op pick(unsigned index)
{
    return operations[index % OPERATION_COUNT].apply;
}

/* fold(f, values) = f(f(f(v0, v1), v2), ...) */
static int64_t fold(binary_op f, const int64_t *values, unsigned count)
{
    int64_t accumulator = values[0];
    for (unsigned i = 1; i < count; i++)
        accumulator = f(accumulator, values[i]);
    return accumulator;
}

/* The last call is through a pointer, so optimised builds emit BR (an indirect tail call). */
static __attribute__((noinline)) int64_t tail_call(binary_op f, int64_t a, int64_t b)
{
    return f(a + 1, b - 1);
}

static int64_t sum_integers(int count, ...)
{
    va_list arguments;
    va_start(arguments, count);
    int64_t total = 0;
    for (int i = 0; i < count; i++)
        total += va_arg(arguments, int64_t) * (i + 1);
    va_end(arguments);
    return total;
}

struct pair {
    int32_t x;
    int64_t y;
};

/* A format-driven reader: i = int, l = int64, d = double, p = struct pair. */
static void print_mixed(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    printf("mixed:");
    for (const char *f = format; *f != '\0'; f++) {
        switch (*f) {
        case 'i': printf(" i=%d", va_arg(arguments, int)); break;
        case 'l': printf(" l=%" PRId64, va_arg(arguments, int64_t)); break;
        case 'd': printf(" d=%.17g", va_arg(arguments, double)); break;
        case 'p': {
            struct pair p = va_arg(arguments, struct pair);
            printf(" p=(%" PRId32 ",%" PRId64 ")", p.x, p.y);
            break;
        }
        }
    }
    va_end(arguments);
    printf("\n");
}

/* va_copy: walk the same arguments twice. */
static double average_twice(int count, ...)
{
    va_list first, second;
    va_start(first, count);
    va_copy(second, first);
    double sum = 0, sum_of_squares = 0;
    for (int i = 0; i < count; i++)
        sum += va_arg(first, double);
    for (int i = 0; i < count; i++) {
        double v = va_arg(second, double);
        sum_of_squares += v * v;
    }
    va_end(second);
    va_end(first);
    return sum / count + sum_of_squares;
}

int main(void)
{
    printf("function-pointers\n");
    static const int64_t values[] = { 3, -5, 7, 11, -13, 17, 19, 23 };
    for (unsigned i = 0; i < OPERATION_COUNT; i++)
        printf("fold %s = %" PRId64 "\n", operations[i].name, fold(operations[i].apply, values, 8));

    int64_t x = 1;
    for (unsigned i = 0; i < 40; i++)
        x = pick(i * 3u + (unsigned)(x & 1))(x, (int64_t)i + 2) % 1000003;
    printf("chained picks = %" PRId64 "\n", x);
    printf("tail calls = %" PRId64 " %" PRId64 "\n", tail_call(multiply, 6, 8), tail_call(subtract, 100, 1));

    const struct shape shapes[] = {
        { &rectangle_methods, 3.0, 4.5 }, { &triangle_methods, 3.0, 4.5 }, { &rectangle_methods, 0.1, 0.2 },
    };
    for (unsigned i = 0; i < 3; i++)
        printf("%s area %.17g\n", shapes[i].methods->name(), shapes[i].methods->area(&shapes[i]));

    printf("sum_integers = %" PRId64 "\n", sum_integers(10, (int64_t)1, (int64_t)-2, (int64_t)3, (int64_t)4,
                                                        (int64_t)5, (int64_t)6, (int64_t)7, (int64_t)8,
                                                        (int64_t)9, INT64_C(10000000000)));
    struct pair p = { -7, 1234567890123LL };
    print_mixed("idlpdiddddddddddl", 42, 2.5, (int64_t)-99, p, 1e-300, -1, 1.0, 2.0, 3.0, 4.0, 5.0,
                6.0, 7.0, 8.0, 9.0, 10.0, (int64_t)77);
    printf("average_twice = %.17g\n", average_twice(9, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5));
    return 0;
}
