/*
 * printf of floats and doubles: %f %e %g %a (and upper-case forms) over values
 * that stress rounding (ties, long carries), the exponent range (subnormals,
 * DBL_MAX), and the special values (signed zero, infinities, NaNs); then strtod
 * round trips printed with %a so every bit shows.  The library does this with
 * integer arithmetic (Ryu tables, 64x64->128 multiplies), so a wrong MUL/UMULH,
 * shift or carry shows up as a wrong digit.
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/guest_hash.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static double from_bits(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

static uint64_t to_bits(double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof(bits));
    return bits;
}

static const double doubles[] = {
    0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3.0, 2.0 / 3.0,
    0.5, 1.5, 2.5, 3.5, -2.5, 0.125, 0.375, 0.05, 0.15, 0.25, 0.35, 1.005, 9.5, 99.5, 999.5,
    0.9999999, 9.9999999, 0.00001, 1e-5, 123.456, 1234567.0, 123456789.0,
    3.14159265358979323846, 2.71828182845904523536, 1.4142135623730951,
    1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 4503599627370496.5, 9007199254740993.0,
    1e100, 1e300, -1e-300, 1e308, DBL_MAX, -DBL_MAX, DBL_MIN, DBL_EPSILON, 1.0 + DBL_EPSILON,
    5e-324, 2.2250738585072009e-308, 1e-310, 123e-320,
};

static const char *const double_formats[] = {
    "%f", "%.0f", "%.1f", "%.3f", "%.17f", "%e", "%.0e", "%.3e", "%.16e", "%E",
    "%g", "%.1g", "%.3g", "%.17g", "%#g", "%#.0f", "%G", "%a", "%.0a", "%.3a", "%A",
    "%+f", "% e", "%012.4f", "%-14.3e|", "%+.2g", "%20.10a",
};

static void print_double(double value)
{
    printf("bits %016" PRIx64 ":", to_bits(value));
    for (size_t i = 0; i < COUNT(double_formats); i++) {
        putchar(' ');
        printf(double_formats[i], value);
    }
    putchar('\n');
}

static void print_special_values(void)
{
    const double specials[] = {
        INFINITY, -INFINITY, NAN, -NAN, from_bits(0x7ff0000000000001ULL),
        from_bits(0xfff8000000000123ULL),
    };
    for (size_t i = 0; i < COUNT(specials); i++) {
        double v = specials[i];
        printf("special: [%f] [%e] [%g] [%a] [%F] [%E] [%G] [%A] [%8.3f] [%-8f] [%+f] [%08f]\n",
               v, v, v, v, v, v, v, v, v, v, v, v);
        printf("  isnan=%d isinf=%d signbit=%d\n", isnan(v) != 0, isinf(v) != 0, signbit(v) != 0);
    }
}

static void print_floats(void)
{
    const float floats[] = {
        0.1f, 1.0f / 3.0f, 16777216.0f, 16777217.0f, FLT_MAX, FLT_MIN, FLT_EPSILON,
        1.17549421e-38f, 1.4e-45f, -3.4e38f, 1e10f, 0.3f,
    };
    for (size_t i = 0; i < COUNT(floats); i++) {
        float f = floats[i];
        uint32_t bits;
        memcpy(&bits, &f, sizeof(bits));
        printf("float %08" PRIx32 ": %f %.9g %e %a\n", bits, f, f, f, f);
    }
}

static void print_strtod_round_trips(void)
{
    static const char *const texts[] = {
        "0", "-0", "1", "0.1", "1e23", "8.98846567431158e307", "1.7976931348623157e308",
        "1.7976931348623159e308", "2.2250738585072011e-308", "2.2250738585072012e-308",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "123456789012345678901234567890", "0.000000000000000000000000000001",
        "3.14159265358979323846264338327950288", "0x1.fffffffffffffp1023", "0x1p-1074",
        "1e-400", "1e400", "inf", "-Infinity", "nan", "  +42.5xyz", "9007199254740993",
        "0.5e-323", "7.2057594037927933e16",
    };
    for (size_t i = 0; i < COUNT(texts); i++) {
        char *end;
        double d = strtod(texts[i], &end);
        printf("strtod(\"%s\") = %a (%.17g) consumed %d\n", texts[i], d, d, (int)(end - texts[i]));
        float f = strtof(texts[i], &end);
        printf("strtof(\"%s\") = %a\n", texts[i], (double)f);
    }
}

/* Many pseudo-random bit patterns through %.17g and %a, folded into a hash. */
static uint32_t hash_random_doubles(void)
{
    uint32_t hash = FNV1A_OFFSET_BASIS;
    uint64_t state = 0x243f6a8885a308d3ULL;
    char buffer[80];
    for (int i = 0; i < 300; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        double d = from_bits(state);
        int length = snprintf(buffer, sizeof(buffer), "%.17g %a %.5e", d, d, d);
        hash = hash_bytes(hash, buffer, (size_t)length);
        double parsed = strtod(buffer, NULL);
        if (!isnan(d) && to_bits(parsed) != to_bits(d))
            printf("round trip mismatch: %016" PRIx64 " -> %016" PRIx64 "\n", to_bits(d), to_bits(parsed));
    }
    return hash;
}

int main(void)
{
    printf("printf-float\n");
    for (size_t i = 0; i < COUNT(doubles); i++)
        print_double(doubles[i]);
    print_special_values();
    print_floats();
    print_strtod_round_trips();
    printf("hash of 300 random doubles: %08" PRIx32 "\n", hash_random_doubles());
    printf("done\n");
    return 0;
}
