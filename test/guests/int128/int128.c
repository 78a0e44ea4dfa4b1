/*
 * 128-bit integer arithmetic: multiply (MUL + UMULH/SMULH), division and
 * remainder (libgcc's __udivti3/__divti3/__umodti3/__modti3, which use UDIV,
 * CLZ and long shifts), variable shifts by 0..127 (the two-register shift
 * sequences with CSEL on the amount), comparisons and conversions, printed in hex.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/guest_hash.h"
#include "../include/guest_random.h"

typedef unsigned __int128 u128;
typedef __int128 s128;

static void print_u128(const char *label, u128 value)
{
    printf("%s=%016" PRIx64 "%016" PRIx64, label, (uint64_t)(value >> 64), (uint64_t)value);
}

static u128 make_u128(uint64_t high, uint64_t low)
{
    return ((u128)high << 64) | low;
}

static uint32_t hash_u128(uint32_t hash, u128 value)
{
    return hash_u64(hash_u64(hash, (uint64_t)value), (uint64_t)(value >> 64));
}

/* Operands that reach every branch of the division routine. */
static const uint64_t interesting[][2] = {
    { 0, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 10 }, { 0, UINT64_MAX },
    { 1, 0 }, { 1, 1 }, { UINT64_MAX, UINT64_MAX }, { 0x8000000000000000ULL, 0 },
    { 0x7fffffffffffffffULL, UINT64_MAX }, { 0x0123456789abcdefULL, 0xfedcba9876543210ULL },
    { 0, 0x8000000000000000ULL }, { 0xffffffffULL, 0xffffffff00000000ULL },
    { 0x10, 0x1 }, { 0xdeadbeefULL, 0xcafebabe12345678ULL },
};

#define INTERESTING_COUNT (sizeof(interesting) / sizeof(interesting[0]))

static void print_arithmetic_table(void)
{
    for (unsigned i = 0; i < INTERESTING_COUNT; i++) {
        for (unsigned j = 0; j < INTERESTING_COUNT; j += 3) {
            u128 a = make_u128(interesting[i][0], interesting[i][1]);
            u128 b = make_u128(interesting[j][0], interesting[j][1]);
            printf("[%u,%u] ", i, j);
            print_u128("a*b", a * b);
            print_u128(" a+b", a + b);
            print_u128(" a-b", a - b);
            if (b != 0) {
                print_u128(" a/b", a / b);
                print_u128(" a%b", a % b);
                s128 sa = (s128)a, sb = (s128)b;
                /* The one signed overflow, INT128_MIN / -1, is undefined: skip it. */
                if (!(sb == -1 && sa == (s128)((u128)1 << 127))) {
                    print_u128(" sa/sb", (u128)(sa / sb));
                    print_u128(" sa%sb", (u128)(sa % sb));
                }
            }
            printf(" lt=%d slt=%d\n", a < b, (s128)a < (s128)b);
        }
    }
}

static void print_shifts(void)
{
    u128 value = make_u128(0x8123456789abcdefULL, 0xfedcba9876543211ULL);
    uint32_t hash = FNV1A_OFFSET_BASIS;
    for (volatile unsigned amount = 0; amount < 128; amount++) {
        u128 left = value << amount;
        u128 right = value >> amount;
        s128 arithmetic = (s128)value >> amount;
        hash = hash_u128(hash_u128(hash_u128(hash, left), right), (u128)arithmetic);
        if (amount % 9 == 0 || amount == 63 || amount == 64 || amount == 65 || amount == 127) {
            printf("shift %3u: ", amount);
            print_u128("lsl", left);
            print_u128(" lsr", right);
            print_u128(" asr", (u128)arithmetic);
            putchar('\n');
        }
    }
    printf("shift hash %08" PRIx32 "\n", hash);
}

static void print_conversions(void)
{
    const double doubles[] = { 0.0, 1.0, -1.0, 1e19, 1.8446744073709552e19, 1.6e38, -1.7e38, 123456789.75 };
    for (unsigned i = 0; i < sizeof(doubles) / sizeof(doubles[0]); i++) {
        s128 from_double = (s128)doubles[i];
        printf("(s128)%g: ", doubles[i]);
        print_u128("", (u128)from_double);
        printf(" back=%a\n", (double)from_double);
    }
    u128 big = make_u128(0x0000000100000000ULL, 0x0000000000000001ULL);
    printf("(double)2^96+1=%a (float)=%a\n", (double)big, (double)(float)big);
    printf("(double)-(2^100)=%a\n", (double)-(s128)((u128)1 << 100));
}

/* Many random products and quotients folded into a hash, with a self-check. */
static void print_random_hash(void)
{
    xorshift64_t rng = { 0x9e3779b97f4a7c15ULL };
    uint32_t hash = FNV1A_OFFSET_BASIS;
    unsigned mismatches = 0;
    for (int i = 0; i < 400; i++) {
        u128 a = make_u128(xorshift64_next(&rng) >> (i % 64), xorshift64_next(&rng));
        u128 b = make_u128(xorshift64_next(&rng) >> ((i * 7) % 64 + (i & 64)), xorshift64_next(&rng) >> (i % 3 * 20));
        if (b == 0)
            b = 1;
        u128 quotient = a / b, remainder = a % b;
        if (quotient * b + remainder != a || remainder >= b)
            mismatches++;
        s128 sq = (s128)a / (s128)b, sr = (s128)a % (s128)b;
        if ((u128)(sq * (s128)b + sr) != a)
            mismatches++;
        hash = hash_u128(hash_u128(hash_u128(hash, a * b), quotient), (u128)sr);
    }
    printf("random hash %08" PRIx32 " mismatches %u\n", hash, mismatches);
}

int main(void)
{
    printf("int128\n");
    print_arithmetic_table();
    print_shifts();
    print_conversions();
    print_random_hash();
    printf("done\n");
    return 0;
}
