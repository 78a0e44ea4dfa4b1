/* CPU-bound integer kernels: xorshift fill, bytewise CRC-32, insertion sort, int64 matrix multiply. */
#include <stdint.h>
#include <stdio.h>

#define N 256
static uint32_t data[N];
static int64_t a[16][16], b[16][16], c[16][16];

static uint64_t state = 88172645463325252ull;
static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static uint32_t crc32(const uint8_t *p, int n) {
  uint32_t crc = 0xffffffffu;
  for (int i = 0; i < n; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

static void insertion_sort(uint32_t *v, int n) {
  for (int i = 1; i < n; i++) {
    uint32_t x = v[i];
    int j = i - 1;
    while (j >= 0 && v[j] > x) { v[j + 1] = v[j]; j--; }
    v[j + 1] = x;
  }
}

int main(void) {
  uint32_t check = 0;
  for (int iter = 0; iter < 900; iter++) {
    for (int i = 0; i < N; i++) data[i] = (uint32_t)next();
    check ^= crc32((const uint8_t *)data, sizeof data);
    insertion_sort(data, N);
    check += data[N / 2];
    for (int i = 0; i < 16; i++)
      for (int j = 0; j < 16; j++) { a[i][j] = (int64_t)(next() & 0xffff); b[i][j] = (int64_t)(next() & 0xffff) - 0x8000; }
    for (int i = 0; i < 16; i++)
      for (int j = 0; j < 16; j++) {
        int64_t s = 0;
        for (int k = 0; k < 16; k++) s += a[i][k] * b[k][j];
        c[i][j] = s;
      }
    check += (uint32_t)c[iter % 16][(iter * 7) % 16];
  }
  printf("integer-loops check %08x\n", (unsigned)check);
  return 0;
}
