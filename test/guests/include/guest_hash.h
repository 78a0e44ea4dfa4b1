/*
 * FNV-1a hashing for guest self-checks: a guest folds every result it computes
 * into one 32-bit value and prints it, so a single wrong byte anywhere changes
 * the printed line that is compared against QEMU.
 */
#ifndef GUEST_HASH_H
#define GUEST_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_OFFSET_BASIS 0x811c9dc5u
#define FNV1A_PRIME 0x01000193u

static inline uint32_t hash_byte(uint32_t hash, uint8_t byte)
{
    return (hash ^ byte) * FNV1A_PRIME;
}

static inline uint32_t hash_u64(uint32_t hash, uint64_t value)
{
    for (int i = 0; i < 8; i++)
        hash = hash_byte(hash, (uint8_t)(value >> (8 * i)));
    return hash;
}

static inline uint32_t hash_bytes(uint32_t hash, const void *data, size_t length)
{
    const uint8_t *bytes = data;
    for (size_t i = 0; i < length; i++)
        hash = hash_byte(hash, bytes[i]);
    return hash;
}

#endif
