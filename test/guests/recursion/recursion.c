/*
 * Deep and branchy recursion: Ackermann (deep stacks, many BL/RET pairs),
 * naive Fibonacci, Towers of Hanoi, mutual recursion, and a binary search tree
 * on the heap (malloc) built, walked and torn down recursively.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../include/guest_hash.h"
#include "../include/guest_random.h"

static uint64_t calls;

static uint64_t ackermann(uint64_t m, uint64_t n)
{
    calls++;
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static uint32_t fibonacci(uint32_t n)
{
    return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}

static uint32_t hanoi_hash;

static unsigned hanoi(unsigned disks, unsigned from, unsigned to, unsigned via)
{
    if (disks == 0)
        return 0;
    unsigned moves = hanoi(disks - 1, from, via, to);
    hanoi_hash = hash_byte(hanoi_hash, (uint8_t)(disks << 4 | from << 2 | to));
    return moves + 1 + hanoi(disks - 1, via, to, from);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

struct node {
    int64_t key;
    struct node *left, *right;
};

static struct node *insert(struct node *root, int64_t key)
{
    if (root == NULL) {
        struct node *fresh = malloc(sizeof(*fresh));
        if (fresh == NULL) {
            printf("out of memory\n");
            exit(3);
        }
        fresh->key = key;
        fresh->left = fresh->right = NULL;
        return fresh;
    }
    if (key < root->key)
        root->left = insert(root->left, key);
    else if (key > root->key)
        root->right = insert(root->right, key);
    return root;
}

static unsigned height(const struct node *root)
{
    if (root == NULL)
        return 0;
    unsigned l = height(root->left), r = height(root->right);
    return 1 + (l > r ? l : r);
}

static unsigned count_nodes(const struct node *root)
{
    return root == NULL ? 0 : 1 + count_nodes(root->left) + count_nodes(root->right);
}

/* In-order walk: keys arrive sorted; hash them and check the order. */
static void walk(const struct node *root, uint32_t *hash, int64_t *previous, unsigned *disorder)
{
    if (root == NULL)
        return;
    walk(root->left, hash, previous, disorder);
    if (root->key <= *previous)
        (*disorder)++;
    *previous = root->key;
    *hash = hash_u64(*hash, (uint64_t)root->key);
    walk(root->right, hash, previous, disorder);
}

static void free_tree(struct node *root)
{
    if (root == NULL)
        return;
    free_tree(root->left);
    free_tree(root->right);
    free(root);
}

int main(void)
{
    printf("recursion\n");
    for (uint64_t n = 0; n <= 4; n++) {
        calls = 0;
        uint64_t a = ackermann(2, n * 3);
        printf("ackermann(2, %" PRIu64 ") = %" PRIu64 " in %" PRIu64 " calls\n", n * 3, a, calls);
    }
    calls = 0;
    printf("ackermann(3, 5) = %" PRIu64 " in %" PRIu64 " calls\n", ackermann(3, 5), calls);
    for (uint32_t n = 0; n <= 20; n += 4)
        printf("fibonacci(%" PRIu32 ") = %" PRIu32 "\n", n, fibonacci(n));
    hanoi_hash = FNV1A_OFFSET_BASIS;
    printf("hanoi(12) = %u moves, hash %08" PRIx32 "\n", hanoi(12, 0, 2, 1), hanoi_hash);
    printf("is_even(1001) = %d, is_odd(2001) = %d\n", is_even(1001), is_odd(2001));

    for (unsigned round = 0; round < 3; round++) {
        xorshift64_t rng = { 0x2545f4914f6cdd1dULL + round };
        struct node *root = NULL;
        for (unsigned i = 0; i < 600; i++)
            root = insert(root, (int64_t)(xorshift64_next(&rng) % 100000) - 50000);
        uint32_t hash = FNV1A_OFFSET_BASIS;
        int64_t previous = INT64_MIN;
        unsigned disorder = 0;
        walk(root, &hash, &previous, &disorder);
        printf("tree %u: nodes %u height %u max %" PRId64 " hash %08" PRIx32 " disorder %u\n",
               round, count_nodes(root), height(root), previous, hash, disorder);
        free_tree(root);
    }
    return 0;
}
