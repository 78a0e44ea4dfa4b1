/*
 * The library qsort with comparator callbacks over ints (with duplicates),
 * doubles (including negative zero and infinities), strings and structs sorted
 * by several keys; then bsearch.  The result is checked for order and printed
 * as a hash plus the first and last elements.
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/guest_hash.h"
#include "../include/guest_random.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static unsigned comparisons;

static int compare_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    comparisons++;
    return (x > y) - (x < y);
}

static int compare_double_descending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    comparisons++;
    return (x < y) - (x > y);
}

static int compare_string(const void *a, const void *b)
{
    comparisons++;
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct employee {
    char department;
    uint16_t grade;
    int32_t salary;
    uint32_t id;
};

/* By department ascending, then grade descending, then id ascending (ids are unique). */
static int compare_employee(const void *a, const void *b)
{
    const struct employee *x = a, *y = b;
    comparisons++;
    if (x->department != y->department)
        return x->department < y->department ? -1 : 1;
    if (x->grade != y->grade)
        return x->grade > y->grade ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static void sort_integers(void)
{
    static int32_t numbers[700];
    xorshift64_t rng = { 0x853c49e6748fea9bULL };
    for (unsigned i = 0; i < COUNT(numbers); i++)
        numbers[i] = (int32_t)(xorshift64_next(&rng) % 2001) - 1000;
    comparisons = 0;
    qsort(numbers, COUNT(numbers), sizeof(numbers[0]), compare_int32);
    unsigned disorder = 0;
    uint32_t hash = FNV1A_OFFSET_BASIS;
    for (unsigned i = 0; i < COUNT(numbers); i++) {
        if (i > 0 && numbers[i - 1] > numbers[i])
            disorder++;
        hash = hash_u64(hash, (uint64_t)(int64_t)numbers[i]);
    }
    printf("ints: first %" PRId32 " median %" PRId32 " last %" PRId32 " hash %08" PRIx32 " disorder %u\n",
           numbers[0], numbers[COUNT(numbers) / 2], numbers[COUNT(numbers) - 1], hash, disorder);

    int32_t keys[] = { -1000, 0, 999, 1000, 1001, 5 };
    for (unsigned i = 0; i < COUNT(keys); i++) {
        const int32_t *found = bsearch(&keys[i], numbers, COUNT(numbers), sizeof(numbers[0]), compare_int32);
        printf("bsearch %" PRId32 ": %s\n", keys[i], found && *found == keys[i] ? "found" : "absent");
    }
    printf("comparisons made: %s\n", comparisons > 0 ? "some" : "none");
}

static void sort_doubles(void)
{
    double values[] = { 3.5, -0.0, 0.0, INFINITY, -1e300, 1e-310, -INFINITY, 2.25, -7.125, 1e300, 0.1, 3.5 };
    qsort(values, COUNT(values), sizeof(values[0]), compare_double_descending);
    printf("doubles descending:");
    for (unsigned i = 0; i < COUNT(values); i++)
        printf(" %g", values[i]);
    printf("\n");
}

static void sort_strings(void)
{
    const char *words[] = {
        "pear", "apple", "fig", "banana", "Apple", "apple pie", "", "zebra", "applf", "a", "Zulu", "fig",
        "\x80high", "kiwi", "mango", "lime", "date", "cherry",
    };
    qsort(words, COUNT(words), sizeof(words[0]), compare_string);
    printf("strings:");
    for (unsigned i = 0; i < COUNT(words); i++)
        printf(" [%s]", words[i][0] == '\x80' ? "<0x80>high" : words[i]);
    printf("\n");
}

static void sort_structs(void)
{
    static struct employee staff[300];
    xorshift64_t rng = { 0xda942042e4dd58b5ULL };
    for (unsigned i = 0; i < COUNT(staff); i++) {
        uint64_t r = xorshift64_next(&rng);
        staff[i].department = (char)('A' + r % 5);
        staff[i].grade = (uint16_t)((r >> 8) % 7);
        staff[i].salary = (int32_t)((r >> 16) % 90000) + 10000;
        staff[i].id = i * 2654435761u;
    }
    qsort(staff, COUNT(staff), sizeof(staff[0]), compare_employee);
    unsigned disorder = 0;
    uint32_t hash = FNV1A_OFFSET_BASIS;
    for (unsigned i = 0; i < COUNT(staff); i++) {
        if (i > 0 && compare_employee(&staff[i - 1], &staff[i]) >= 0)
            disorder++;
        hash = hash_u64(hash, staff[i].id);
    }
    printf("structs: first %c/%u/%" PRIu32 " last %c/%u/%" PRIu32 " hash %08" PRIx32 " disorder %u\n",
           staff[0].department, staff[0].grade, staff[0].id, staff[COUNT(staff) - 1].department,
           staff[COUNT(staff) - 1].grade, staff[COUNT(staff) - 1].id, hash, disorder);
}

int main(void)
{
    printf("qsort\n");
    sort_integers();
    sort_doubles();
    sort_strings();
    sort_structs();
    return 0;
}
