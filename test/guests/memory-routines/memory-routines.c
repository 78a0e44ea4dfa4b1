/*
 * memcpy, memmove, memset, memcmp and memchr for every size 0..130 at every
 * alignment 0..15.  The library versions are hand-tuned assembly with separate
 * paths for small, medium and large sizes and for each alignment, so this walks
 * all of them.  Each result is checked against a byte-at-a-time reference
 * computed from a formula (never by copying, so the compiler cannot turn the
 * reference itself into a library call), including guard bytes on both sides.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../include/guest_hash.h"

#define MAX_SIZE 130
#define MAX_ALIGN 15
#define GUARD 8
#define BUFFER_SIZE (GUARD + MAX_ALIGN + MAX_SIZE + GUARD + 16)
#define FILL 0xa5
#define MAX_REPORTED_FAILURES 5

static uint8_t source_buffer[BUFFER_SIZE] __attribute__((aligned(16)));
static uint8_t destination_buffer[BUFFER_SIZE] __attribute__((aligned(16)));
/* Never written after start-up: what source_buffer holds, for memmove's checks. */
static uint8_t pristine_pattern[BUFFER_SIZE] __attribute__((aligned(16)));

typedef struct {
    const char *name;
    unsigned cases;
    unsigned failures;
    uint32_t hash;
} routine_result;

static uint8_t pattern(unsigned index)
{
    /* 1..250, never FILL, never zero (the string routines rely on that). */
    uint8_t value = (uint8_t)((index * 37u + 11u) % 250u + 1u);
    return value == FILL ? 0x5a : value;
}

static void fail(routine_result *result, unsigned size, unsigned alignment, unsigned offset,
                 unsigned got, unsigned expected)
{
    if (result->failures++ < MAX_REPORTED_FAILURES)
        printf("FAIL %s size=%u align=%u at=%u got=%02x expected=%02x\n",
               result->name, size, alignment, offset, got, expected);
}

/* The second operand's alignment varies with size so every pair gets visited. */
static unsigned partner_alignment(unsigned size, unsigned alignment)
{
    return (alignment * 7u + size) & MAX_ALIGN;
}

static void fill_buffers(void)
{
    for (unsigned i = 0; i < BUFFER_SIZE; i++) {
        pristine_pattern[i] = pattern(i);
        source_buffer[i] = pattern(i);
        destination_buffer[i] = FILL;
    }
}

/* Guard bytes around a written range must still hold FILL. */
static void check_guards(routine_result *result, unsigned size, unsigned alignment)
{
    unsigned first = GUARD + alignment;
    for (unsigned i = first - GUARD; i < first; i++)
        if (destination_buffer[i] != FILL)
            fail(result, size, alignment, i, destination_buffer[i], FILL);
    for (unsigned i = first + size; i < first + size + GUARD; i++)
        if (destination_buffer[i] != FILL)
            fail(result, size, alignment, i, destination_buffer[i], FILL);
}

/* Folds the written bytes into the result's hash and puts FILL back. */
static void absorb_and_clear(routine_result *result, uint8_t *written, unsigned size)
{
    uint32_t sum = 0;
    for (unsigned i = 0; i < size; i++) {
        sum = sum * 31u + written[i];
        written[i] = FILL;
    }
    result->hash = hash_u64(result->hash, sum);
}

static void test_memcpy(routine_result *result)
{
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            uint8_t *destination = destination_buffer + GUARD + alignment;
            const uint8_t *source = source_buffer + GUARD + partner_alignment(size, alignment);
            void *returned = memcpy(destination, source, size);
            if (returned != destination)
                fail(result, size, alignment, 0, 1, 0);
            for (unsigned i = 0; i < size; i++)
                if (destination[i] != source[i])
                    fail(result, size, alignment, GUARD + alignment + i, destination[i], source[i]);
            check_guards(result, size, alignment);
            absorb_and_clear(result, destination, size);
            result->cases++;
        }
    }
}

static void test_memset(routine_result *result)
{
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            uint8_t *destination = destination_buffer + GUARD + alignment;
            uint8_t value = (uint8_t)(size * 3u + alignment);
            /* Pass values with high bits set too: memset must use only the low byte. */
            void *returned = memset(destination, value | (size & 1 ? 0x7f00 : 0), size);
            if (returned != destination)
                fail(result, size, alignment, 0, 1, 0);
            for (unsigned i = 0; i < size; i++)
                if (destination[i] != value)
                    fail(result, size, alignment, GUARD + alignment + i, destination[i], value);
            check_guards(result, size, alignment);
            absorb_and_clear(result, destination, size);
            result->cases++;
        }
    }
}

/*
 * memmove within one buffer: destination at GUARD + 17 + alignment, source
 * shifted by a distance in -17..+17 that depends on the case, so both copy
 * directions and every overlap amount are covered.
 */
static int move_distance(unsigned size, unsigned alignment)
{
    return (int)((size + alignment * 5u) % 35u) - 17;
}

static void test_memmove(routine_result *result)
{
    uint8_t *buffer = source_buffer;
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            unsigned destination_offset = 17 + alignment;
            unsigned source_offset = (unsigned)((int)destination_offset + move_distance(size, alignment));
            if (source_offset + size > BUFFER_SIZE || destination_offset + size + GUARD > BUFFER_SIZE) {
                destination_offset -= 17;
                source_offset -= 17;
            }
            uint8_t *destination = buffer + destination_offset;
            void *returned = memmove(destination, buffer + source_offset, size);
            if (returned != destination)
                fail(result, size, alignment, 0, 1, 0);
            const uint8_t *expected = pristine_pattern + source_offset;
            for (unsigned i = 0; i < size; i++)
                if (destination[i] != expected[i])
                    fail(result, size, alignment, destination_offset + i, destination[i], expected[i]);
            unsigned guard_start = destination_offset >= GUARD ? destination_offset - GUARD : 0;
            for (unsigned i = guard_start; i < destination_offset; i++)
                if (buffer[i] != pristine_pattern[i])
                    fail(result, size, alignment, i, buffer[i], pristine_pattern[i]);
            for (unsigned i = destination_offset + size; i < destination_offset + size + GUARD; i++)
                if (buffer[i] != pristine_pattern[i])
                    fail(result, size, alignment, i, buffer[i], pristine_pattern[i]);
            uint32_t sum = 0;
            for (unsigned i = 0; i < size; i++) {
                sum = sum * 31u + destination[i];
                destination[i] = pristine_pattern[destination_offset + i];
            }
            result->hash = hash_u64(result->hash, sum);
            result->cases++;
        }
    }
}

static int sign(int value)
{
    return (value > 0) - (value < 0);
}

/*
 * memcmp of two equal runs, then with one byte changed (up or down) at a
 * position that moves with the case; the sign must match the reference.
 */
static void test_memcmp(routine_result *result)
{
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            const uint8_t *left = source_buffer + GUARD + alignment;
            uint8_t *right = destination_buffer + GUARD + partner_alignment(size, alignment);
            for (unsigned i = 0; i < size; i++)
                right[i] = left[i];
            int equal = memcmp(left, right, size);
            if (equal != 0)
                fail(result, size, alignment, 0, (unsigned)equal, 0);
            int different = 0;
            if (size > 0) {
                unsigned position = (size * 5u + alignment) % size;
                right[position] = (uint8_t)(right[position] + ((size + alignment) & 1 ? 0x80 : 1));
                int expected = left[position] < right[position] ? -1 : 1;
                different = memcmp(left, right, size);
                if (sign(different) != expected)
                    fail(result, size, alignment, position, (unsigned)sign(different), (unsigned)expected);
            }
            result->hash = hash_u64(result->hash, (uint64_t)(sign(equal) * 3 + sign(different)));
            for (unsigned i = 0; i < size; i++)
                right[i] = FILL;
            result->cases++;
        }
    }
}

/*
 * memchr for a byte placed at a case-dependent position, and for a byte that is
 * only present just past the searched range (must not be found).
 */
static void test_memchr(routine_result *result)
{
    const uint8_t needle = 0x00;
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            uint8_t *haystack = source_buffer + GUARD + alignment;
            haystack[size] = needle;
            if (memchr(haystack, needle, size) != NULL)
                fail(result, size, alignment, size, 1, 0);
            if (size > 0) {
                unsigned position = (size * 7u + alignment * 3u) % size;
                haystack[position] = needle;
                /* Only the low byte of the character argument counts. */
                const uint8_t *found = memchr(haystack, needle | 0x100, size);
                if (found != haystack + position)
                    fail(result, size, alignment, position, found ? (unsigned)(found - haystack) : 0xff, position);
                result->hash = hash_u64(result->hash, (uint64_t)(found - haystack));
                haystack[position] = pristine_pattern[GUARD + alignment + position];
            }
            haystack[size] = pristine_pattern[GUARD + alignment + size];
            result->cases++;
        }
    }
}

/*
 * memcpy with a constant size: compilers expand these inline into loads and
 * stores of every width (LDR/STR of 1, 2, 4, 8 bytes, LDP/STP, Q registers),
 * here at every alignment, so unaligned accesses of each width get exercised.
 */
#define COPY_CASE(n) \
    case n: \
        memcpy(destination, source, n); \
        break;

static void copy_fixed_size(uint8_t *destination, const uint8_t *source, unsigned size)
{
    switch (size) {
        COPY_CASE(1) COPY_CASE(2) COPY_CASE(3) COPY_CASE(4) COPY_CASE(5) COPY_CASE(6)
        COPY_CASE(7) COPY_CASE(8) COPY_CASE(9) COPY_CASE(10) COPY_CASE(11) COPY_CASE(12)
        COPY_CASE(13) COPY_CASE(14) COPY_CASE(15) COPY_CASE(16) COPY_CASE(17) COPY_CASE(20)
        COPY_CASE(24) COPY_CASE(31) COPY_CASE(32) COPY_CASE(33) COPY_CASE(48) COPY_CASE(64)
    default:
        break;
    }
}

static void test_fixed_size_copies(routine_result *result)
{
    static const unsigned sizes[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 24, 31, 32, 33, 48, 64 };
    for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        unsigned size = sizes[s];
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            uint8_t *destination = destination_buffer + GUARD + alignment;
            const uint8_t *source = source_buffer + GUARD + partner_alignment(size, alignment);
            copy_fixed_size(destination, source, size);
            for (unsigned i = 0; i < size; i++)
                if (destination[i] != source[i])
                    fail(result, size, alignment, GUARD + alignment + i, destination[i], source[i]);
            check_guards(result, size, alignment);
            absorb_and_clear(result, destination, size);
            result->cases++;
        }
    }
}

int main(void)
{
    routine_result results[] = {
        { "memcpy", 0, 0, FNV1A_OFFSET_BASIS },
        { "memset", 0, 0, FNV1A_OFFSET_BASIS },
        { "memmove", 0, 0, FNV1A_OFFSET_BASIS },
        { "memcmp", 0, 0, FNV1A_OFFSET_BASIS },
        { "memchr", 0, 0, FNV1A_OFFSET_BASIS },
        { "inline", 0, 0, FNV1A_OFFSET_BASIS },
    };
    void (*const tests[])(routine_result *) = {
        test_memcpy, test_memset, test_memmove, test_memcmp, test_memchr, test_fixed_size_copies,
    };
    unsigned total_failures = 0;
    printf("memory-routines: sizes 0..%d, alignments 0..%d\n", MAX_SIZE, MAX_ALIGN);
    fill_buffers();
    for (unsigned i = 0; i < sizeof(results) / sizeof(results[0]); i++) {
        tests[i](&results[i]);
        printf("%-8s cases=%u failures=%u hash=%08" PRIx32 "\n",
               results[i].name, results[i].cases, results[i].failures, results[i].hash);
        total_failures += results[i].failures;
    }
    printf("%s\n", total_failures == 0 ? "all passed" : "FAILED");
    return total_failures == 0 ? 0 : 1;
}
