/*
 * printf of integers of every width: signed and unsigned 8/16/32/64-bit values
 * through every conversion (%d %i %u %x %X %o %c), length modifier and flag,
 * plus snprintf truncation and return values.  Exercises the library's integer
 * formatting (division by 10, shifts, sign handling) and the variadic ABI.
 */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../include/guest_hash.h"

static const int64_t signed_values[] = {
    0, 1, -1, 7, -7, 9, 10, -10, 99, 100, 127, -128, 128, -129, 255, 256,
    999, 1000, 32767, -32768, 65535, 65536, 99999, 100000,
    INT32_MAX, INT32_MIN, (int64_t)INT32_MAX + 1, (int64_t)INT32_MIN - 1,
    UINT32_MAX, 4294967296LL, 999999999999LL, 1000000000000LL,
    INT64_MAX, INT64_MIN, INT64_MIN + 1, -1234567890123456789LL,
    0x0123456789abcdefLL, 0x5555555555555555LL, (int64_t)0xaaaaaaaaaaaaaaaaULL,
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void print_each_width(int64_t v)
{
    printf("hhd=%hhd hhu=%hhu hhx=%hhx hd=%hd hu=%hu hx=%hx\n",
           (signed char)v, (unsigned char)v, (unsigned char)v,
           (short)v, (unsigned short)v, (unsigned short)v);
    printf("d=%d u=%u x=%x X=%X o=%o i=%i\n",
           (int)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (int)v);
    printf("ld=%ld lu=%lu lx=%lx lo=%lo\n",
           (long)v, (unsigned long)v, (unsigned long)v, (unsigned long)v);
    printf("lld=%lld llu=%llu llX=%llX llo=%llo\n",
           (long long)v, (unsigned long long)v, (unsigned long long)v, (unsigned long long)v);
    printf("jd=%jd zu=%zu td=%td PRId64=%" PRId64 " PRIx64=%" PRIx64 "\n",
           (intmax_t)v, (size_t)v, (ptrdiff_t)v, v, (uint64_t)v);
}

static void print_flags(int64_t v)
{
    int n = (int)v;
    printf("[%8d][%-8d][%08d][%+d][% d][%.5d][%8.3d][%-+9d]\n", n, n, n, n, n, n, n, n);
    printf("[%#x][%#o][%#X][%#10x][%-#10o][%010x][%.0d][%.0x]\n",
           (unsigned)n, (unsigned)n, (unsigned)n, (unsigned)n, (unsigned)n, (unsigned)n, n, (unsigned)n);
    printf("[%*lld][%-*lld][%.*lld][%#llx][%+.20lld]\n",
           22, (long long)v, 22, (long long)v, 19, (long long)v,
           (unsigned long long)v, (long long)v);
}

static void print_characters_and_strings(void)
{
    printf("[%c][%c][%5c][%-5c]\n", 'A', '~', 'z', '0');
    printf("[%s][%10s][%-10s][%.3s][%10.2s][%s]\n", "hello", "right", "left", "truncate", "ab", "");
    printf("[%%][%p][%p]\n", (void *)0x40001234, (void *)0);
}

static void print_snprintf_truncation(void)
{
    char buffer[16];
    static const size_t sizes[] = { 0, 1, 2, 5, 15, 16 };
    for (size_t i = 0; i < COUNT(sizes); i++) {
        memset(buffer, '#', sizeof(buffer));
        int wanted = snprintf(buffer, sizes[i], "%lld|%x|%s", -1234567890123LL, 0xbeefu, "tail");
        printf("snprintf size=%zu returned=%d buffer=", sizes[i], wanted);
        for (size_t j = 0; j < sizeof(buffer); j++)
            putchar(buffer[j] ? buffer[j] : '0');
        putchar('\n');
    }
}

/* Every value through one formatting path into a buffer, folded into a hash. */
static uint32_t hash_many_formats(void)
{
    uint32_t hash = FNV1A_OFFSET_BASIS;
    char buffer[128];
    uint64_t v = 1;
    for (int i = 0; i < 200; i++) {
        v = v * 6364136223846793005ULL + 1442695040888963407ULL;
        int length = snprintf(buffer, sizeof(buffer), "%lld %llu %llx %d %o",
                              (long long)v, (unsigned long long)(v >> (i % 64)),
                              (unsigned long long)v, (int)(v >> 32), (unsigned)v);
        hash = hash_bytes(hash, buffer, (size_t)length);
    }
    return hash;
}

int main(void)
{
    printf("printf-int\n");
    for (size_t i = 0; i < COUNT(signed_values); i++) {
        printf("-- value %zu\n", i);
        print_each_width(signed_values[i]);
        print_flags(signed_values[i]);
    }
    print_characters_and_strings();
    print_snprintf_truncation();
    printf("hash of 200 random formats: %08" PRIx32 "\n", hash_many_formats());
    printf("done\n");
    return 0;
}
