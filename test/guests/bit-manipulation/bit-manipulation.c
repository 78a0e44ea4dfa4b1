/*
 * Bit manipulation: __builtin_clz/ctz/popcount/parity/clrsb/bswap (CLZ, RBIT,
 * CNT on a vector register, REV/REV16/REV32, CLS), rotates (ROR), bit-field
 * extraction and insertion through C bit-fields (UBFX/SBFX/BFI/BFXIL), bit
 * reversal, conditional selects and sign/zero extensions of every width.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/guest_hash.h"
#include "../include/guest_random.h"

static uint32_t rotate_right_32(uint32_t value, unsigned amount)
{
    return (value >> (amount & 31)) | (value << ((32 - amount) & 31));
}

static uint64_t rotate_left_64(uint64_t value, unsigned amount)
{
    return (value << (amount & 63)) | (value >> ((64 - amount) & 63));
}

static uint32_t reverse_bits_32(uint32_t value)
{
    uint32_t reversed = 0;
    for (int i = 0; i < 32; i++) {
        reversed = (reversed << 1) | (value & 1);
        value >>= 1;
    }
    return reversed;
}

struct packed_fields {
    unsigned low : 3;
    signed middle : 7;
    unsigned flag : 1;
    unsigned wide : 19;
    signed top : 2;
    unsigned long long extra : 33;
    signed long long signed_extra : 31;
};

static void print_counts(uint64_t v)
{
    uint32_t w = (uint32_t)v;
    printf("v=%016" PRIx64 " clz64=%d ctz64=%d pop64=%d parity64=%d clrsb64=%d clz32=%d ctz32=%d pop32=%d clrsb32=%d\n",
           v, v ? __builtin_clzll(v) : 64, v ? __builtin_ctzll(v) : 64, __builtin_popcountll(v),
           __builtin_parityll(v), __builtin_clrsbll((long long)v), w ? __builtin_clz(w) : 32,
           w ? __builtin_ctz(w) : 32, __builtin_popcount(w), __builtin_clrsb((int)w));
    printf("  bswap16=%04x bswap32=%08" PRIx32 " bswap64=%016" PRIx64 " ror32(7)=%08" PRIx32 " rol64(13)=%016" PRIx64
           " rbit32=%08" PRIx32 "\n",
           __builtin_bswap16((uint16_t)v), __builtin_bswap32(w), __builtin_bswap64(v), rotate_right_32(w, 7),
           rotate_left_64(v, 13), reverse_bits_32(w));
    printf("  s8=%" PRId64 " s16=%" PRId64 " s32=%" PRId64 " u8=%" PRIu64 " u16=%" PRIu64 " u32=%" PRIu64
           " ffs=%d ffsll=%d\n",
           (int64_t)(int8_t)v, (int64_t)(int16_t)v, (int64_t)(int32_t)v, (uint64_t)(uint8_t)v,
           (uint64_t)(uint16_t)v, (uint64_t)(uint32_t)v, __builtin_ffs((int)w), __builtin_ffsll((long long)v));
}

static void print_bit_fields(uint64_t v)
{
    struct packed_fields f = { 0 };
    f.low = (unsigned)v;
    f.middle = (signed)(v >> 3);
    f.flag = (unsigned)(v >> 10);
    f.wide = (unsigned)(v >> 11);
    f.top = (signed)(v >> 30);
    f.extra = v >> 20;
    f.signed_extra = (signed long long)(v >> 7);
    printf("  fields low=%u middle=%d flag=%u wide=%u top=%d extra=%llx signed_extra=%lld\n", f.low, f.middle,
           f.flag, f.wide, f.top, (unsigned long long)f.extra, (long long)f.signed_extra);
}

/* A mask-heavy kernel: Gray codes, next permutation of bits, bit interleaving. */
static uint32_t bit_kernel_hash(void)
{
    uint32_t hash = FNV1A_OFFSET_BASIS;
    xorshift64_t rng = { 0x0f1e2d3c4b5a6978ULL };
    for (int i = 0; i < 3000; i++) {
        uint64_t x = xorshift64_next(&rng);
        uint64_t gray = x ^ (x >> 1);
        uint64_t lowest = x & -x;
        uint64_t ripple = x + lowest;
        uint64_t next_same_popcount = lowest ? (((ripple ^ x) >> 2) / lowest) | ripple : 0;
        uint32_t a = (uint32_t)x, b = (uint32_t)(x >> 32);
        uint64_t interleaved = 0;
        for (int bit = 0; bit < 32; bit += 5)
            interleaved |= ((uint64_t)((a >> bit) & 1) << (2 * bit)) | ((uint64_t)((b >> bit) & 1) << (2 * bit + 1));
        int64_t s = (int64_t)x;
        uint64_t selected = s < 0 ? gray : ~gray;
        uint64_t absolute = (uint64_t)(s < 0 ? -s : s);
        hash = hash_u64(hash, gray ^ next_same_popcount ^ interleaved);
        hash = hash_u64(hash, selected + absolute + (uint64_t)__builtin_popcountll(x) + (uint64_t)__builtin_clzll(x | 1));
    }
    return hash;
}

int main(void)
{
    printf("bit-manipulation\n");
    static const uint64_t samples[] = {
        0, 1, 2, 3, 0x80, 0xff, 0x8000, 0xffff, 0x80000000u, 0xffffffffu, 0x100000000ULL, 0x8000000000000000ULL,
        0xffffffffffffffffULL, 0x0123456789abcdefULL, 0xf0f0f0f0f0f0f0f0ULL, 0x5555555555555555ULL,
        0x7fffffffffffffffULL, 0x00000000ffff0000ULL, 0xdeadbeefcafebabeULL,
    };
    for (unsigned i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
        print_counts(samples[i]);
        print_bit_fields(samples[i]);
    }
    printf("kernel hash %08" PRIx32 "\n", bit_kernel_hash());
    return 0;
}
