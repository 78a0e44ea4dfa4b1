/*
 * A benchmark-like integer workload, kept to a few million instructions:
 * xorshift fill, table-driven CRC-32, insertion sort, a 24x24 int64 matrix
 * multiply, a sieve of Eratosthenes and a Collatz search.  Tight loops with
 * loads, stores, compares and branches: what the block compiler is for.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/guest_random.h"

#define DATA_BYTES 8192
#define SORT_COUNT 400
#define MATRIX_SIZE 24
#define SIEVE_LIMIT 30000

static uint8_t data[DATA_BYTES];
static uint32_t crc_table[256];
static int32_t sort_buffer[SORT_COUNT];
static int64_t matrix_a[MATRIX_SIZE][MATRIX_SIZE], matrix_b[MATRIX_SIZE][MATRIX_SIZE], matrix_c[MATRIX_SIZE][MATRIX_SIZE];
static uint8_t composite[SIEVE_LIMIT + 1];

static void build_crc_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32(const uint8_t *bytes, unsigned length)
{
    uint32_t c = 0xffffffffu;
    for (unsigned i = 0; i < length; i++)
        c = crc_table[(c ^ bytes[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static void insertion_sort(int32_t *values, unsigned count)
{
    for (unsigned i = 1; i < count; i++) {
        int32_t key = values[i];
        unsigned j = i;
        while (j > 0 && values[j - 1] > key) {
            values[j] = values[j - 1];
            j--;
        }
        values[j] = key;
    }
}

static int64_t matrix_multiply_trace(void)
{
    for (int i = 0; i < MATRIX_SIZE; i++)
        for (int j = 0; j < MATRIX_SIZE; j++) {
            int64_t sum = 0;
            for (int k = 0; k < MATRIX_SIZE; k++)
                sum += matrix_a[i][k] * matrix_b[k][j];
            matrix_c[i][j] = sum;
        }
    int64_t trace = 0;
    for (int i = 0; i < MATRIX_SIZE; i++)
        trace += matrix_c[i][i] ^ matrix_c[i][MATRIX_SIZE - 1 - i];
    return trace;
}

static unsigned sieve(void)
{
    unsigned primes = 0;
    for (unsigned n = 2; n <= SIEVE_LIMIT; n++) {
        if (composite[n])
            continue;
        primes++;
        for (unsigned m = n * n; m <= SIEVE_LIMIT; m += n)
            composite[m] = 1;
    }
    return primes;
}

static void longest_collatz(unsigned limit, unsigned *best_start, unsigned *best_steps)
{
    *best_start = 1;
    *best_steps = 0;
    for (unsigned start = 1; start < limit; start++) {
        uint64_t n = start;
        unsigned steps = 0;
        while (n != 1) {
            n = n & 1 ? 3 * n + 1 : n >> 1;
            steps++;
        }
        if (steps > *best_steps) {
            *best_steps = steps;
            *best_start = start;
        }
    }
}

int main(void)
{
    printf("integer-kernel\n");
    xorshift64_t rng = { 88172645463325252ULL };
    for (unsigned i = 0; i < DATA_BYTES; i += 8) {
        uint64_t r = xorshift64_next(&rng);
        for (unsigned b = 0; b < 8; b++)
            data[i + b] = (uint8_t)(r >> (8 * b));
    }
    build_crc_table();
    printf("crc32 of %d bytes: %08" PRIx32 "\n", DATA_BYTES, crc32(data, DATA_BYTES));
    printf("crc32(\"123456789\") = %08" PRIx32 "\n", crc32((const uint8_t *)"123456789", 9));

    for (unsigned i = 0; i < SORT_COUNT; i++)
        sort_buffer[i] = (int32_t)(xorshift64_next(&rng) % 100000) - 50000;
    insertion_sort(sort_buffer, SORT_COUNT);
    int64_t weighted = 0;
    for (unsigned i = 0; i < SORT_COUNT; i++)
        weighted += (int64_t)sort_buffer[i] * (int64_t)(i + 1);
    printf("sorted: min %" PRId32 " max %" PRId32 " weighted %" PRId64 "\n", sort_buffer[0],
           sort_buffer[SORT_COUNT - 1], weighted);

    for (int i = 0; i < MATRIX_SIZE; i++)
        for (int j = 0; j < MATRIX_SIZE; j++) {
            matrix_a[i][j] = (int64_t)(xorshift64_next(&rng) % 2001) - 1000;
            matrix_b[i][j] = (int64_t)(xorshift64_next(&rng) >> 40) - (1LL << 23);
        }
    printf("matrix trace mix: %" PRId64 "\n", matrix_multiply_trace());
    printf("primes up to %d: %u\n", SIEVE_LIMIT, sieve());
    unsigned start, steps;
    longest_collatz(3000, &start, &steps);
    printf("longest collatz below 3000: %u (%u steps)\n", start, steps);
    return 0;
}
