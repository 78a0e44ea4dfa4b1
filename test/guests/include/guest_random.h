/*
 * A deterministic pseudo-random source (Marsaglia's xorshift64) so guests can
 * generate many test values without tables, identically on every run.
 */
#ifndef GUEST_RANDOM_H
#define GUEST_RANDOM_H

#include <stdint.h>

typedef struct {
    uint64_t state;
} xorshift64_t;

static inline uint64_t xorshift64_next(xorshift64_t *rng)
{
    uint64_t x = rng->state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng->state = x;
    return x;
}

#endif
