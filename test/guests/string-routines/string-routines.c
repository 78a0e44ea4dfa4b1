/*
 * strlen, strcmp, strncpy, strchr, strrchr and strstr for every length 0..130
 * at every alignment 0..15.  Each result is compared with a simple byte loop;
 * the number of cases, failures and a hash of all results are printed.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../include/guest_hash.h"

#define MAX_LENGTH 130
#define MAX_ALIGN 15
#define GUARD 8
#define BUFFER_SIZE (GUARD + MAX_ALIGN + MAX_LENGTH + 1 + GUARD + 16)
#define FILL 0xa5
#define MAX_REPORTED_FAILURES 5

static char first_buffer[BUFFER_SIZE] __attribute__((aligned(16)));
static char second_buffer[BUFFER_SIZE] __attribute__((aligned(16)));

typedef struct {
    const char *name;
    unsigned cases;
    unsigned failures;
    uint32_t hash;
} routine_result;

static void fail(routine_result *result, unsigned length, unsigned alignment, long got, long expected)
{
    if (result->failures++ < MAX_REPORTED_FAILURES)
        printf("FAIL %s length=%u align=%u got=%ld expected=%ld\n",
               result->name, length, alignment, got, expected);
}

static unsigned partner_alignment(unsigned length, unsigned alignment)
{
    return (alignment * 7u + length) & MAX_ALIGN;
}

/* Letters 'a'..'y' in a stride-7 cycle: never zero, never 'z' (used as a marker). */
static char letter(unsigned index)
{
    return (char)('a' + (index * 7u) % 25u);
}

/* Both buffers hold letter(i) at every index i except while a case runs. */
static void fill_buffers(void)
{
    for (unsigned i = 0; i < BUFFER_SIZE; i++) {
        first_buffer[i] = letter(i);
        second_buffer[i] = letter(i);
    }
}

/* Terminates the letters at GUARD + alignment after `length` characters. */
static char *place_string(char *buffer, unsigned alignment, unsigned length)
{
    char *at = buffer + GUARD + alignment;
    at[length] = '\0';
    return at;
}

/* Puts back the letter at one index (after a terminator or marker was written there). */
static void restore_letter(char *buffer, unsigned index)
{
    buffer[index] = letter(index);
}

static void test_strlen(routine_result *result)
{
    for (unsigned length = 0; length <= MAX_LENGTH; length++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            const char *string = place_string(first_buffer, alignment, length);
            size_t got = strlen(string);
            if (got != length)
                fail(result, length, alignment, (long)got, length);
            result->hash = hash_u64(result->hash, got);
            restore_letter(first_buffer, GUARD + alignment + length);
            result->cases++;
        }
    }
}

static int sign(int value)
{
    return (value > 0) - (value < 0);
}

static int reference_strcmp(const char *left, const char *right)
{
    while (*left != '\0' && *left == *right) {
        left++;
        right++;
    }
    return sign((unsigned char)*left - (unsigned char)*right);
}

/*
 * strcmp of equal strings, of strings differing at a moving position (including
 * bytes >= 0x80, which compare as unsigned), and of a proper prefix.
 */
static void test_strcmp(routine_result *result)
{
    for (unsigned length = 0; length <= MAX_LENGTH; length++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            char *left = place_string(first_buffer, alignment, length);
            char *right = second_buffer + GUARD + partner_alignment(length, alignment);
            for (unsigned i = 0; i <= length; i++)
                right[i] = left[i];
            int outcomes[3] = { strcmp(left, right), 0, 0 };
            int expected[3] = { 0, 0, 0 };
            if (length > 0) {
                unsigned position = (length * 5u + alignment) % length;
                right[position] = (char)((length + alignment) & 1 ? 0xe1 : right[position] + 1);
                outcomes[1] = strcmp(left, right);
                expected[1] = reference_strcmp(left, right);
                right[position] = left[position];
                right[length - 1] = '\0';
                outcomes[2] = strcmp(right, left);
                expected[2] = -1;
            }
            for (int i = 0; i < 3; i++) {
                if (sign(outcomes[i]) != expected[i])
                    fail(result, length, alignment, sign(outcomes[i]), expected[i]);
                result->hash = hash_byte(result->hash, (uint8_t)(sign(outcomes[i]) + 1));
            }
            restore_letter(first_buffer, GUARD + alignment + length);
            result->cases++;
        }
    }
}

/*
 * strncpy with limits shorter than, equal to and longer than the source: the
 * copy stops at the limit (no terminator added) or pads with zeros up to it,
 * and nothing past the limit changes.
 */
static void test_strncpy(routine_result *result)
{
    for (unsigned length = 0; length <= MAX_LENGTH; length++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            const char *source = place_string(first_buffer, alignment, length);
            unsigned limit = length + (alignment % 5u);
            limit = limit >= 2 ? limit - 2 : limit;
            char *destination = second_buffer + GUARD + partner_alignment(length, alignment);
            for (unsigned i = 0; i < limit + GUARD; i++)
                destination[i] = (char)FILL;
            char *returned = strncpy(destination, source, limit);
            if (returned != destination)
                fail(result, length, alignment, -1, 0);
            uint32_t sum = 0;
            for (unsigned i = 0; i < limit + GUARD; i++) {
                char expected = i >= limit ? (char)FILL : i < length ? source[i] : '\0';
                if (destination[i] != expected)
                    fail(result, length, alignment, (long)i, (unsigned char)expected);
                sum = sum * 31u + (unsigned char)destination[i];
            }
            result->hash = hash_u64(result->hash, sum);
            restore_letter(first_buffer, GUARD + alignment + length);
            result->cases++;
        }
    }
}

/* strchr for a marker at a moving position, for the terminator, and for an absent byte. */
static void test_strchr(routine_result *result)
{
    for (unsigned length = 0; length <= MAX_LENGTH; length++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            char *string = place_string(first_buffer, alignment, length);
            if (strchr(string, 'z') != NULL)
                fail(result, length, alignment, 1, 0);
            if (strchr(string, '\0') != string + length)
                fail(result, length, alignment, (long)(strchr(string, '\0') - string), length);
            if (length > 0) {
                unsigned position = (length * 7u + alignment * 3u) % length;
                string[position] = 'z';
                string[length - 1] = 'z';
                const char *found = strchr(string, 'z' | 0x100);
                if (found != string + position)
                    fail(result, length, alignment, found ? (long)(found - string) : -1, position);
                result->hash = hash_u64(result->hash, (uint64_t)(found - string));
                restore_letter(first_buffer, GUARD + alignment + position);
                restore_letter(first_buffer, GUARD + alignment + length - 1);
            }
            restore_letter(first_buffer, GUARD + alignment + length);
            result->cases++;
        }
    }
}

/* strrchr: the last of two markers, the terminator, and an absent byte. */
static void test_strrchr(routine_result *result)
{
    for (unsigned length = 0; length <= MAX_LENGTH; length++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            char *string = place_string(first_buffer, alignment, length);
            if (strrchr(string, 'z') != NULL)
                fail(result, length, alignment, 1, 0);
            if (strrchr(string, '\0') != string + length)
                fail(result, length, alignment, (long)(strrchr(string, '\0') - string), length);
            if (length > 0) {
                unsigned last = (length * 7u + alignment * 3u) % length;
                string[last] = 'z';
                string[last / 2] = 'z';
                const char *found = strrchr(string, 'z');
                if (found != string + last)
                    fail(result, length, alignment, found ? (long)(found - string) : -1, last);
                result->hash = hash_u64(result->hash, (uint64_t)(found - string));
                restore_letter(first_buffer, GUARD + alignment + last);
                restore_letter(first_buffer, GUARD + alignment + last / 2);
            }
            restore_letter(first_buffer, GUARD + alignment + length);
            result->cases++;
        }
    }
}

static const char *reference_strstr(const char *haystack, const char *needle)
{
    for (;; haystack++) {
        size_t i = 0;
        while (needle[i] != '\0' && haystack[i] == needle[i])
            i++;
        if (needle[i] == '\0')
            return haystack;
        if (*haystack == '\0')
            return NULL;
    }
}

/*
 * strstr for needles of 0..16 characters: one copied from a moving position of
 * the haystack (found, possibly earlier than that position since the haystack
 * is periodic), and one with a marker that cannot occur (not found).
 */
static void test_strstr(routine_result *result)
{
    char needle[24];
    for (unsigned length = 0; length <= MAX_LENGTH; length++) {
        for (unsigned alignment = 0; alignment <= MAX_ALIGN; alignment++) {
            const char *haystack = place_string(first_buffer, alignment, length);
            unsigned needle_length = (length + alignment) % 17u;
            if (needle_length > length)
                needle_length = length;
            unsigned start = length > needle_length ? (alignment * 11u) % (length - needle_length + 1) : 0;
            for (unsigned i = 0; i < needle_length; i++)
                needle[i] = haystack[start + i];
            needle[needle_length] = '\0';
            const char *found = strstr(haystack, needle);
            const char *expected = reference_strstr(haystack, needle);
            if (found != expected)
                fail(result, length, alignment, found ? (long)(found - haystack) : -1,
                     expected ? (long)(expected - haystack) : -1);
            result->hash = hash_u64(result->hash, found ? (uint64_t)(found - haystack) : 0xffff);
            needle[needle_length / 2] = 'z';
            needle[needle_length / 2 + 1] = '\0';
            if (strstr(haystack, needle) != NULL)
                fail(result, length, alignment, 1, 0);
            restore_letter(first_buffer, GUARD + alignment + length);
            result->cases++;
        }
    }
}

int main(void)
{
    routine_result results[] = {
        { "strlen", 0, 0, FNV1A_OFFSET_BASIS },
        { "strcmp", 0, 0, FNV1A_OFFSET_BASIS },
        { "strncpy", 0, 0, FNV1A_OFFSET_BASIS },
        { "strchr", 0, 0, FNV1A_OFFSET_BASIS },
        { "strrchr", 0, 0, FNV1A_OFFSET_BASIS },
        { "strstr", 0, 0, FNV1A_OFFSET_BASIS },
    };
    void (*const tests[])(routine_result *) = {
        test_strlen, test_strcmp, test_strncpy, test_strchr, test_strrchr, test_strstr,
    };
    unsigned total_failures = 0;
    printf("string-routines: lengths 0..%d, alignments 0..%d\n", MAX_LENGTH, MAX_ALIGN);
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
