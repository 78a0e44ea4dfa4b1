/*
 * Atomic read-modify-write on 8, 16, 32 and 64-bit objects through the GCC
 * __atomic builtins and C11 <stdatomic.h>: fetch_add/sub/and/or/xor/nand,
 * exchange, compare_exchange (strong and weak, success and failure), flags and
 * fences.  For a Cortex-A57 (Armv8.0) these are LDXR/STXR (and LDAXR/STLXR)
 * loops, or calls to libgcc's out-of-line helpers that pick them at run time.
 * Single-threaded, so every result is deterministic.
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/guest_hash.h"

static uint32_t hash = FNV1A_OFFSET_BASIS;

static void record(const char *what, uint64_t returned, uint64_t stored)
{
    printf("%-28s returned %016" PRIx64 " now %016" PRIx64 "\n", what, returned, stored);
    hash = hash_u64(hash_u64(hash, returned), stored);
}

/* One function per width, generated, so each width gets its own instructions. */
#define DEFINE_BUILTIN_TEST(type, bits)                                                       \
    static type value_##bits;                                                                 \
    static void test_builtins_##bits(type start, type operand)                                \
    {                                                                                         \
        printf("-- __atomic on uint%d_t\n", bits);                                            \
        value_##bits = start;                                                                 \
        record("fetch_add", __atomic_fetch_add(&value_##bits, operand, __ATOMIC_SEQ_CST), value_##bits); \
        record("fetch_sub", __atomic_fetch_sub(&value_##bits, operand * 3, __ATOMIC_ACQ_REL), value_##bits); \
        record("fetch_and", __atomic_fetch_and(&value_##bits, (type)~operand, __ATOMIC_RELAXED), value_##bits); \
        record("fetch_or", __atomic_fetch_or(&value_##bits, operand, __ATOMIC_RELEASE), value_##bits); \
        record("fetch_xor", __atomic_fetch_xor(&value_##bits, (type)(operand << 1), __ATOMIC_ACQUIRE), value_##bits); \
        record("fetch_nand", __atomic_fetch_nand(&value_##bits, operand, __ATOMIC_SEQ_CST), value_##bits); \
        record("add_fetch", __atomic_add_fetch(&value_##bits, 1, __ATOMIC_SEQ_CST), value_##bits); \
        record("sub_fetch", __atomic_sub_fetch(&value_##bits, 2, __ATOMIC_SEQ_CST), value_##bits); \
        record("exchange", __atomic_exchange_n(&value_##bits, start, __ATOMIC_SEQ_CST), value_##bits); \
        type expected = start;                                                                \
        bool swapped = __atomic_compare_exchange_n(&value_##bits, &expected, operand, false,   \
                                                   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);       \
        record(swapped ? "cas strong hit" : "cas strong MISSED", expected, value_##bits);     \
        expected = start;                                                                     \
        swapped = __atomic_compare_exchange_n(&value_##bits, &expected, 0, false,             \
                                              __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);            \
        record(swapped ? "cas strong WRONGLY hit" : "cas strong miss", expected, value_##bits); \
        expected = value_##bits;                                                              \
        unsigned attempts = 0;                                                                \
        do                                                                                    \
            attempts++;                                                                       \
        while (!__atomic_compare_exchange_n(&value_##bits, &expected, (type)(expected * 5 + 1), true, \
                                            __ATOMIC_RELEASE, __ATOMIC_RELAXED) && attempts < 100); \
        record(attempts < 100 ? "cas weak loop done" : "cas weak loop STUCK", expected, value_##bits); \
        __atomic_store_n(&value_##bits, (type)(start ^ operand), __ATOMIC_RELEASE);           \
        record("store/load", __atomic_load_n(&value_##bits, __ATOMIC_ACQUIRE), value_##bits); \
    }

DEFINE_BUILTIN_TEST(uint8_t, 8)
DEFINE_BUILTIN_TEST(uint16_t, 16)
DEFINE_BUILTIN_TEST(uint32_t, 32)
DEFINE_BUILTIN_TEST(uint64_t, 64)

static void test_stdatomic(void)
{
    printf("-- C11 stdatomic\n");
    static atomic_int counter = 5;
    static atomic_llong wide = -1;
    static _Atomic uint16_t half = 0xfff0;
    static _Atomic uint8_t byte = 250;
    static atomic_flag flag = ATOMIC_FLAG_INIT;

    record("atomic_fetch_add", (uint64_t)atomic_fetch_add(&counter, 10), (uint64_t)atomic_load(&counter));
    record("fetch_sub_explicit", (uint64_t)atomic_fetch_sub_explicit(&counter, 20, memory_order_relaxed),
           (uint64_t)atomic_load(&counter));
    record("atomic_exchange wide", (uint64_t)atomic_exchange(&wide, INT64_MIN), (uint64_t)atomic_load(&wide));
    long long expected_wide = INT64_MIN;
    bool ok = atomic_compare_exchange_strong(&wide, &expected_wide, 0x123456789abcdefLL);
    record(ok ? "cmpxchg strong wide hit" : "cmpxchg strong wide MISSED", (uint64_t)expected_wide,
           (uint64_t)atomic_load(&wide));
    record("fetch_or half", atomic_fetch_or(&half, 0x0f0f), atomic_load(&half));
    record("fetch_and half", atomic_fetch_and(&half, 0x3c3c), atomic_load(&half));
    record("fetch_add byte wraps", atomic_fetch_add(&byte, 10), atomic_load(&byte));
    uint8_t expected_byte = 3;
    ok = atomic_compare_exchange_weak(&byte, &expected_byte, 77);
    record(ok ? "cmpxchg weak byte MAYBE" : "cmpxchg weak byte miss", expected_byte, atomic_load(&byte));
    bool first = atomic_flag_test_and_set(&flag);
    bool second = atomic_flag_test_and_set(&flag);
    atomic_flag_clear(&flag);
    bool third = atomic_flag_test_and_set_explicit(&flag, memory_order_acquire);
    record("flag test_and_set x3", (uint64_t)(first | second << 1 | third << 2), 0);
    atomic_thread_fence(memory_order_seq_cst);
    atomic_signal_fence(memory_order_acq_rel);
    printf("lock free: char %d short %d int %d llong %d\n", ATOMIC_CHAR_LOCK_FREE, ATOMIC_SHORT_LOCK_FREE,
           ATOMIC_INT_LOCK_FREE, ATOMIC_LLONG_LOCK_FREE);
}

/* A spin lock built from test-and-set, and a lock-free counter updated in a loop. */
static void test_lock_and_counter(void)
{
    printf("-- spin lock and counter\n");
    static volatile unsigned char lock;
    static uint64_t shared_total;
    for (unsigned i = 1; i <= 1000; i++) {
        while (__atomic_test_and_set(&lock, __ATOMIC_ACQUIRE))
            ;
        shared_total += i;
        __atomic_clear(&lock, __ATOMIC_RELEASE);
        uint64_t observed = __atomic_load_n(&shared_total, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&shared_total, &observed, observed ^ (i << 20), true,
                                            __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
            ;
    }
    record("spin lock total", shared_total, lock);
}

int main(void)
{
    printf("atomics\n");
    test_builtins_8(0xf0, 0x3c);
    test_builtins_16(0x8001, 0x1234);
    test_builtins_32(0xfffffff0u, 0x10203040u);
    test_builtins_64(0x8000000000000001ULL, 0x0123456789abcdefULL);
    test_stdatomic();
    test_lock_and_counter();
    printf("hash %08" PRIx32 "\n", hash);
    return 0;
}
