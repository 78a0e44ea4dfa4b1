/* Call- and indirect-branch-heavy code: qsort with a comparator, a recursive tree, snprintf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { int key; struct node *left, *right; };
static struct node pool[2048];
static int used;

static struct node *insert(struct node *t, int key) {
  if (!t) { struct node *n = &pool[used++]; n->key = key; n->left = n->right = 0; return n; }
  if (key < t->key) t->left = insert(t->left, key); else t->right = insert(t->right, key);
  return t;
}

static int depth(const struct node *t) {
  if (!t) return 0;
  int l = depth(t->left), r = depth(t->right);
  return 1 + (l > r ? l : r);
}

static int compare(const void *x, const void *y) {
  int a = *(const int *)x, b = *(const int *)y;
  return (a > b) - (a < b);
}

int main(void) {
  static int values[2000];
  unsigned seed = 12345;
  unsigned long total = 0;
  char text[64];
  for (int round = 0; round < 12; round++) {
    for (int i = 0; i < 2000; i++) { seed = seed * 1103515245u + 12345u; values[i] = (int)(seed >> 8) % 100000; }
    qsort(values, 2000, sizeof values[0], compare);
    used = 0;
    struct node *root = 0;
    for (int i = 0; i < 2000; i += 2) root = insert(root, values[(i * 997) % 2000]);
    for (int i = 0; i < 200; i++) total += (unsigned long)snprintf(text, sizeof text, "%d:%x:%s", values[i], i, "v");
    total += (unsigned long)depth(root) + (unsigned long)values[1000];
  }
  printf("call-heavy total %lu\n", total);
  return 0;
}
