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

typedef struct {
    const char *name;
    unsigned cases;
    unsigned failures;
    uint32_t hash;
} routine_result;

static uint8_t pattern(unsigned index)
{
    /* Never equal to FILL for index < BUFFER_SIZE, never zero. */
    return (uint8_t)(((index * 37u + 11u) % 250u) + 1u == FILL ? 0x5a : ((index * 37u + 11u) % 250u) + 1u);
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
        source_buffer[i] = pattern(i);
        destination_buffer[i] = FILL;
    }
}

/*
 * Checks destination_buffer[GUARD + alignment - GUARD, GUARD + alignment + size + GUARD)
 * against `expected_at` and restores FILL as it goes, so the next case starts clean.
 */
typedef unsigned (*expected_byte_fn)(unsigned offset, unsigned size, unsigned alignment);

static void check_destination(routine_result *result, unsigned size, unsigned alignment,
                              expected_byte_fn expected_at)
{
    unsigned start = alignment;
    unsigned end = GUARD + alignment + size + GUARD;
    for (unsigned i = start; i < end; i++) {
        unsigned expected = expected_at(i, size, alignment);
        if (destination_buffer[i] != expected)
            fail(result, size, alignment, i, destination_buffer[i], expected);
        result->hash = hash_byte(result->hash, destination_buffer[i]);
        destination_buffer[i] = FILL;
    }
}

static unsigned memcpy_expected(unsigned offset, unsigned size, unsigned alignment)
{
    unsigned first = GUARD + alignment;
    if (offset < first || offset >= first + size)
        return FILL;
    return pattern(GUARD + partner_alignment(size, alignment) + (offset - first));
}

static void test_memcpy(routine_result *result)
{
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            uint8_t *destination = destination_buffer + GUARD + alignment;
            uint8_t *source = source_buffer + GUARD + partner_alignment(size, alignment);
            void *returned = memcpy(destination, source, size);
            if (returned != destination)
                fail(result, size, alignment, 0, 1, 0);
            check_destination(result, size, alignment, memcpy_expected);
            result->cases++;
        }
    }
}

static unsigned memset_expected(unsigned offset, unsigned size, unsigned alignment)
{
    unsigned first = GUARD + alignment;
    if (offset < first || offset >= first + size)
        return FILL;
    return (size * 3u + alignment) & 0xff;
}

static void test_memset(routine_result *result)
{
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            uint8_t *destination = destination_buffer + GUARD + alignment;
            int value = (int)((size * 3u + alignment) & 0xff);
            /* Pass values with high bits set too: memset must use only the low byte. */
            void *returned = memset(destination, value | (size & 1 ? 0x7f00 : 0), size);
            if (returned != destination)
                fail(result, size, alignment, 0, 1, 0);
            check_destination(result, size, alignment, memset_expected);
            result->cases++;
        }
    }
}

/*
 * memmove within one buffer: destination at GUARD + alignment, source shifted by
 * a distance in -17..+17 that depends on the case, so both copy directions and
 * every overlap amount are covered.
 */
static int move_distance(unsigned size, unsigned alignment)
{
    return (int)((size + alignment * 5u) % 35u) - 17;
}

static void test_memmove(routine_result *result)
{
    for (unsigned i = 0; i < BUFFER_SIZE; i++)
        destination_buffer[i] = pattern(i);
    for (unsigned size = 0; size <= MAX_SIZE; size++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            unsigned destination_offset = GUARD + 17 + alignment;
            unsigned source_offset = (unsigned)((int)destination_offset + move_distance(size, alignment));
            if (source_offset + size > BUFFER_SIZE || destination_offset + size > BUFFER_SIZE) {
                destination_offset -= 17;
                source_offset -= 17;
            }
            uint8_t *destination = destination_buffer + destination_offset;
            void *returned = memmove(destination, destination_buffer + source_offset, size);
            if (returned != destination)
                fail(result, size, alignment, 0, 1, 0);
            unsigned start = destination_offset >= GUARD ? destination_offset - GUARD : 0;
            unsigned end = destination_offset + size + GUARD;
            if (end > BUFFER_SIZE)
                end = BUFFER_SIZE;
            for (unsigned j = start; j < end; j++) {
                unsigned expected = pattern(j);
                if (j >= destination_offset && j < destination_offset + size)
                    expected = pattern(source_offset + (j - destination_offset));
                if (destination_buffer[j] != expected)
                    fail(result, size, alignment, j, destination_buffer[j], expected);
                result->hash = hash_byte(result->hash, destination_buffer[j]);
                destination_buffer[j] = pattern(j);
            }
            result->cases++;
        }
    }
    fill_buffers();
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
            uint8_t *left = source_buffer + GUARD + alignment;
            uint8_t *right = destination_buffer + GUARD + partner_alignment(size, alignment);
            for (unsigned i = 0; i < size; i++)
                right[i] = left[i];
            int equal = memcmp(left, right, size);
            if (equal != 0)
                fail(result, size, alignment, 0, (unsigned)equal, 0);
            result->hash = hash_byte(result->hash, (uint8_t)sign(equal));
            if (size > 0) {
                unsigned position = (size * 5u + alignment) % size;
                uint8_t original = right[position];
                right[position] = (uint8_t)(original + ((size + alignment) & 1 ? 0x80 : 1));
                int expected = left[position] < right[position] ? -1 : 1;
                int got = memcmp(left, right, size);
                if (sign(got) != expected)
                    fail(result, size, alignment, position, (unsigned)sign(got), (unsigned)expected);
                result->hash = hash_byte(result->hash, (uint8_t)sign(got));
            }
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
                uint8_t original = haystack[position];
                haystack[position] = needle;
                const uint8_t *found = memchr(haystack, needle | 0x100, size);
                if (found != haystack + position)
                    fail(result, size, alignment, position, (unsigned)(found ? found - haystack : 0xff), position);
                result->hash = hash_u64(result->hash, (uint64_t)(found - haystack));
                haystack[position] = original;
            }
            haystack[size] = pattern(GUARD + alignment + size);
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
    };
    void (*const tests[])(routine_result *) = {
        test_memcpy, test_memset, test_memmove, test_memcmp, test_memchr,
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
