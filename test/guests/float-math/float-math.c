/*
 * Floating-point workload without -ffast-math: FSQRT, FMADD (fma/fmaf, and
 * whatever the compiler contracts), FDIV, rounding (FRINT*), min/max with NaN
 * and signed zero, FCVT between float and double, integer <-> floating
 * conversions of every width including out-of-range saturation, subnormals,
 * the rounding modes and exception flags of FPCR/FPSR through <fenv.h>, and
 * libm's exp/log/sin/cos/pow/atan2.  Results print with %a so every bit shows.
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../include/guest_hash.h"
#include "../include/guest_random.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Values go through volatile so the compiler cannot fold the operations away. */
static volatile double sink_double;
static volatile float sink_float;

static double opaque(double value)
{
    sink_double = value;
    return sink_double;
}

static float opaque_float(float value)
{
    sink_float = value;
    return sink_float;
}

static const double operands[] = {
    0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 3.0, 1.0 / 3.0, 10.0, 1e-300, 1e300, DBL_MIN, 4.9406564584124654e-324,
    DBL_MAX, 1.5, 2.5, -2.5, 0.49999999999999994, 4503599627370495.5, 123456.789, -98765.4321,
    INFINITY, -INFINITY, NAN,
};

static void print_basic_operations(void)
{
    for (unsigned i = 0; i < COUNT(operands); i++) {
        double x = opaque(operands[i]);
        printf("x=%a sqrt=%a sqrtf=%a 1/x=%a x*x=%a x+0.1=%a\n", x, sqrt(x), (double)sqrtf((float)x),
               opaque(1.0) / x, x * x, x + opaque(0.1));
        printf("  floor=%a ceil=%a round=%a trunc=%a rint=%a nearbyint=%a\n", floor(x), ceil(x), round(x),
               trunc(x), rint(x), nearbyint(x));
        printf("  fmin(x,-0)=%a fmax(x,-0)=%a fmin(x,nan)=%a fabs=%a copysign(3,x)=%a\n",
               fmin(x, opaque(-0.0)), fmax(x, opaque(-0.0)), fmin(x, opaque(NAN)), fabs(x), copysign(3.0, x));
        int exponent;
        double mantissa = frexp(x, &exponent);
        double integral;
        double fraction = modf(x, &integral);
        printf("  frexp=%a,%d ldexp(x,-1070)=%a modf=%a,%a (float)x=%a\n", mantissa, exponent,
               ldexp(x, -1070), fraction, integral, (double)(float)x);
    }
}

static void print_fused_multiply_add(void)
{
    /* Cases where the fused result differs from multiply-then-add. */
    const double a = opaque(1.0 + DBL_EPSILON), b = opaque(1.0 - DBL_EPSILON), c = opaque(-1.0);
    printf("fma(1+e, 1-e, -1) = %a, separate = %a\n", fma(a, b, c), opaque(a * b) + c);
    printf("fma(0.1, 10, -1) = %a\n", fma(opaque(0.1), opaque(10.0), opaque(-1.0)));
    printf("fma(inf, 0, nan) = %a, fma(-0, 0, -0) = %a\n", fma(opaque(INFINITY), opaque(0.0), opaque(NAN)),
           fma(opaque(-0.0), opaque(0.0), opaque(-0.0)));
    printf("fmaf(1+2^-23, 1-2^-23, -1) = %a\n",
           (double)fmaf(opaque_float(1.0f + FLT_EPSILON), opaque_float(1.0f - FLT_EPSILON), opaque_float(-1.0f)));
    printf("fma(DBL_MAX, 2, -DBL_MAX) = %a\n", fma(opaque(DBL_MAX), opaque(2.0), opaque(-DBL_MAX)));
    printf("fma(DBL_MIN, 0.5, DBL_MIN/4) = %a\n", fma(opaque(DBL_MIN), opaque(0.5), opaque(DBL_MIN / 4)));
}

static void print_integer_conversions(void)
{
    const double values[] = {
        0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 127.9, -128.9, 255.5, 65535.99, 2147483647.5, -2147483648.75,
        4294967295.9, 9.2233720368547748e18, -9.2233720368547758e18, 1.8446744073709550e19, 1e30, -1e30,
        INFINITY, -INFINITY, NAN,
    };
    for (unsigned i = 0; i < COUNT(values); i++) {
        /*
         * Out-of-range conversions are undefined in C; the inline assembly asks
         * for FCVTZS/FCVTZU directly, whose saturating result is defined.
         */
        double v = opaque(values[i]);
        int64_t s64;
        uint64_t u64;
        int32_t s32;
        uint32_t u32;
        __asm__("fcvtzs %0, %d1" : "=r"(s64) : "w"(v));
        __asm__("fcvtzu %0, %d1" : "=r"(u64) : "w"(v));
        __asm__("fcvtzs %w0, %d1" : "=r"(s32) : "w"(v));
        __asm__("fcvtzu %w0, %d1" : "=r"(u32) : "w"(v));
        printf("%a -> s64 %" PRId64 " u64 %" PRIu64 " s32 %" PRId32 " u32 %" PRIu32 " lround %ld\n", v, s64, u64,
               s32, u32, (isfinite(v) && fabs(v) < 9e18) ? lround(v) : 0L);
    }
    const int64_t integers[] = { 0, 1, -1, 9007199254740993LL, INT64_MAX, INT64_MIN, 16777217, -16777217,
                                 0x7fffffffffffffc0LL };
    for (unsigned i = 0; i < COUNT(integers); i++) {
        volatile int64_t n = integers[i];
        volatile uint64_t u = (uint64_t)integers[i];
        volatile int32_t w = (int32_t)integers[i];
        printf("%" PRId64 " -> double %a float %a ; u64 -> double %a float %a ; s32 -> double %a float %a\n", n,
               (double)n, (double)(float)n, (double)u, (double)(float)u, (double)w, (double)(float)w);
    }
}

static void print_rounding_modes(void)
{
    static const struct {
        int mode;
        const char *name;
    } modes[] = {
        { FE_TONEAREST, "nearest" }, { FE_UPWARD, "upward" }, { FE_DOWNWARD, "downward" },
        { FE_TOWARDZERO, "toward zero" },
    };
    for (unsigned i = 0; i < COUNT(modes); i++) {
        if (fesetround(modes[i].mode) != 0) {
            printf("rounding %s: not supported\n", modes[i].name);
            continue;
        }
        double third = opaque(1.0) / opaque(3.0);
        double minus_third = opaque(-1.0) / opaque(3.0);
        float f = (float)opaque(0.1);
        printf("rounding %s: 1/3=%a -1/3=%a (float)0.1=%a rint(2.5)=%a rint(-2.5)=%a sqrt(2)=%a\n",
               modes[i].name, third, minus_third, (double)f, rint(opaque(2.5)), rint(opaque(-2.5)),
               sqrt(opaque(2.0)));
    }
    fesetround(FE_TONEAREST);
}

static void print_exception_flags(void)
{
    static const struct {
        const char *name;
        double a, b;
        char op;
    } cases[] = {
        { "1/0", 1.0, 0.0, '/' }, { "0/0", 0.0, 0.0, '/' }, { "max*2", DBL_MAX, 2.0, '*' },
        { "min*min", DBL_MIN, DBL_MIN, '*' }, { "1/3", 1.0, 3.0, '/' }, { "1+1", 1.0, 1.0, '+' },
        { "inf-inf", INFINITY, INFINITY, '-' },
    };
    for (unsigned i = 0; i < COUNT(cases); i++) {
        feclearexcept(FE_ALL_EXCEPT);
        double a = opaque(cases[i].a), b = opaque(cases[i].b), r = 0;
        switch (cases[i].op) {
        case '/': r = a / b; break;
        case '*': r = a * b; break;
        case '+': r = a + b; break;
        case '-': r = a - b; break;
        }
        opaque(r);
        int raised = fetestexcept(FE_ALL_EXCEPT);
        printf("flags %-8s = %a: %s%s%s%s%s\n", cases[i].name, r, raised & FE_INVALID ? " invalid" : "",
               raised & FE_DIVBYZERO ? " divbyzero" : "", raised & FE_OVERFLOW ? " overflow" : "",
               raised & FE_UNDERFLOW ? " underflow" : "", raised & FE_INEXACT ? " inexact" : "");
    }
    feclearexcept(FE_ALL_EXCEPT);
}

static void print_library_functions(void)
{
    const double xs[] = { 0.0, 0.5, 1.0, 2.0, 3.14159265358979, 10.0, -0.75, 100.0, 1e-8 };
    for (unsigned i = 0; i < COUNT(xs); i++) {
        double x = opaque(xs[i]);
        printf("x=%g exp=%a log1p=%a sin=%a cos=%a tan=%a atan2(x,-1)=%a pow(x,1.5)=%a cbrt=%a hypot(x,3)=%a\n", x,
               exp(x), log1p(fabs(x)), sin(x), cos(x), tan(x), atan2(x, -1.0), pow(fabs(x), 1.5), cbrt(x),
               hypot(x, 3.0));
        printf("  expf=%a logf(x+1)=%a sinf=%a powf(x,0.5)=%a\n", (double)expf((float)x), (double)logf((float)x + 1.0f),
               (double)sinf((float)x), (double)powf(fabsf((float)x), 0.5f));
    }
}

/* A numerical kernel: Newton square roots, a dot product and a small matrix power. */
static void print_kernels(void)
{
    xorshift64_t rng = { 0x1234567887654321ULL };
    uint32_t hash = FNV1A_OFFSET_BASIS;
    double dot = 0;
    float dotf = 0;
    for (int i = 0; i < 2000; i++) {
        double a = (double)(xorshift64_next(&rng) >> 11) * 0x1p-53 * 200.0 - 100.0;
        double b = (double)(int64_t)xorshift64_next(&rng) * 0x1p-60;
        double guess = fabs(a) + 1.0;
        for (int k = 0; k < 6; k++)
            guess = 0.5 * (guess + fabs(a) / guess);
        dot += a * b;
        dotf += (float)a * (float)b;
        uint64_t bits;
        memcpy(&bits, &guess, sizeof(bits));
        hash = hash_u64(hash, bits);
    }
    printf("newton hash %08" PRIx32 " dot %a dotf %a\n", hash, dot, (double)dotf);

    double m[3][3] = { { 0.9, 0.1, 0.0 }, { -0.2, 0.8, 0.3 }, { 0.05, -0.1, 1.01 } };
    double p[3][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    for (int n = 0; n < 50; n++) {
        double q[3][3];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                q[r][c] = p[r][0] * m[0][c] + p[r][1] * m[1][c] + p[r][2] * m[2][c];
        memcpy(p, q, sizeof(p));
    }
    printf("matrix^50 diagonal %a %a %a\n", p[0][0], p[1][1], p[2][2]);
}

int main(void)
{
    printf("float-math\n");
    print_basic_operations();
    print_fused_multiply_add();
    print_integer_conversions();
    print_rounding_modes();
    print_exception_flags();
    print_library_functions();
    print_kernels();
    return 0;
}
