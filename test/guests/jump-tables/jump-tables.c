/*
 * Dense switch statements (compiled to jump tables: ADR + LDRB/LDRH + ADD + BR),
 * a sparse switch (compare trees), a switch on a signed range with a
 * negative base, and a small bytecode interpreter whose dispatch loop is one
 * big switch.  The printed trace shows every case that was taken.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/guest_hash.h"

static int64_t dense(unsigned selector, int64_t x)
{
    switch (selector) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x - 7;
    case 3: return x ^ 0x5a5a;
    case 4: return x << 3;
    case 5: return x >> 2;
    case 6: return -x;
    case 7: return x * x;
    case 8: return x | 0x100;
    case 9: return x & 0xff;
    case 10: return x / 3;
    case 11: return x % 7;
    case 12: return ~x;
    case 13: return x + 1000;
    case 14: return x * 11 - 5;
    case 15: return (x << 5) + x;
    case 16: return x - (x >> 1);
    case 17: return x ^ (x >> 3);
    case 18: return x + 18;
    case 19: return x * 19;
    case 20: return x - 20;
    case 21: return x ^ 21;
    case 22: return x + (x << 2);
    case 23: return x * -23;
    case 24: return x / -5;
    case 25: return x % 13;
    case 26: return x + 26;
    case 27: return x * 27;
    case 28: return x - 28;
    case 29: return x ^ 0x29292929;
    case 30: return x >> 30;
    case 31: return x << 31;
    case 32: return x + 32;
    case 33: return x * 33;
    case 34: return x - 34;
    case 35: return (int64_t)((uint64_t)x >> 35);
    case 36: return x + 36;
    case 37: return x * 37;
    case 38: return x - 38;
    case 39: return x ^ 39;
    default: return 0x7777;
    }
}

static const char *sparse(int64_t key)
{
    switch (key) {
    case -1000000: return "minus a million";
    case -1: return "minus one";
    case 0: return "zero";
    case 7: return "seven";
    case 100: return "hundred";
    case 4096: return "page";
    case 65536: return "sixty-four k";
    case 1000003: return "a prime";
    case 0x7fffffff: return "int max";
    case 0x100000000LL: return "two to the 32";
    default: return "other";
    }
}

static char signed_range(int value)
{
    switch (value) {
    case -8: return 'a';
    case -7: return 'b';
    case -6: return 'c';
    case -5: return 'd';
    case -4: return 'e';
    case -3: return 'f';
    case -2: return 'g';
    case -1: return 'h';
    case 0: return 'i';
    case 1: return 'j';
    case 2: return 'k';
    case 3: return 'l';
    case 4: return 'm';
    case 5: return 'n';
    default: return '.';
    }
}

enum opcode {
    OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_DUP, OP_SWAP, OP_DROP, OP_JNZ, OP_DEC,
    OP_PRINT, OP_OVER, OP_ROT, OP_HALT,
};

/* Runs a stack-machine program; returns the number of executed operations. */
static unsigned interpret(const int64_t *program)
{
    int64_t stack[16];
    int top = -1;
    unsigned steps = 0;
    for (unsigned pc = 0;; steps++) {
        switch ((enum opcode)program[pc++]) {
        case OP_PUSH: stack[++top] = program[pc++]; break;
        case OP_ADD: stack[top - 1] += stack[top]; top--; break;
        case OP_SUB: stack[top - 1] -= stack[top]; top--; break;
        case OP_MUL: stack[top - 1] *= stack[top]; top--; break;
        case OP_DUP: stack[top + 1] = stack[top]; top++; break;
        case OP_SWAP: { int64_t t = stack[top]; stack[top] = stack[top - 1]; stack[top - 1] = t; break; }
        case OP_DROP: top--; break;
        case OP_JNZ: { int64_t target = program[pc++]; if (stack[top--] != 0) pc = (unsigned)target; break; }
        case OP_DEC: stack[top]--; break;
        case OP_PRINT: printf("vm: %" PRId64 "\n", stack[top]); break;
        case OP_OVER: stack[top + 1] = stack[top - 1]; top++; break;
        case OP_ROT: { int64_t a = stack[top - 2]; stack[top - 2] = stack[top - 1]; stack[top - 1] = stack[top]; stack[top] = a; break; }
        case OP_HALT: return steps;
        }
    }
}

/* factorial(20) by a loop, printing each partial product every few steps. */
static const int64_t factorial_program[] = {
    OP_PUSH, 1,            /* acc */
    OP_PUSH, 20,           /* acc n */
    /* loop at 4: */
    OP_DUP, OP_ROT, OP_MUL, /* n acc*n */
    OP_PRINT,
    OP_SWAP, OP_DEC,       /* acc n-1 */
    OP_DUP, OP_JNZ, 4,
    OP_DROP, OP_PRINT, OP_HALT,
};

int main(void)
{
    printf("jump-tables\n");
    uint32_t hash = FNV1A_OFFSET_BASIS;
    int64_t x = 12345;
    for (unsigned i = 0; i < 600; i++) {
        unsigned selector = (i * 7u + (unsigned)(x & 3)) % 44u;
        int64_t result = dense(selector, x);
        if (i < 44)
            printf("dense(%2u, %" PRId64 ") = %" PRId64 "\n", selector, x, result);
        hash = hash_u64(hash, (uint64_t)result);
        x = result % 100000 + (int64_t)i;
    }
    printf("dense hash %08" PRIx32 "\n", hash);

    static const int64_t keys[] = { -1000000, -1, 0, 7, 8, 100, 4096, 65536, 1000003, 0x7fffffff, 0x100000000LL, 99 };
    for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        printf("sparse(%" PRId64 ") = %s\n", keys[i], sparse(keys[i]));

    char letters[24];
    for (int v = -10; v < 13; v++)
        letters[v + 10] = signed_range(v);
    letters[23] = '\0';
    printf("signed range: %s\n", letters);

    printf("vm steps: %u\n", interpret(factorial_program));
    return 0;
}
