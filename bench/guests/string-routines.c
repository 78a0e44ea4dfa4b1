/* Memory and string routines of the C library over many sizes and alignments. */
#include <stdio.h>
#include <string.h>

static unsigned char src[4096 + 64], dst[4096 + 64];

int main(void) {
  unsigned long sum = 0;
  for (int i = 0; i < (int)sizeof src; i++) src[i] = (unsigned char)(i * 31 + 7) | 1;
  for (int round = 0; round < 40; round++) {
    for (int n = 1; n < 4096; n = n * 3 / 2 + 1) {
      int off = (round + n) & 15;
      memcpy(dst + off, src + 16 - off, (size_t)n);
      sum += dst[off + n / 2];
      memset(dst, round, (size_t)n);
      sum += (unsigned long)memcmp(dst, src, (size_t)n) & 0xff;
      memmove(dst + 1, dst, (size_t)n);
      src[n] = 0;
      sum += strlen((const char *)src + (n & 7));
      src[n] = 1;
      sum += (unsigned long)(strchr((const char *)src, src[n / 2]) - (const char *)src);
    }
  }
  printf("string-routines sum %lu\n", sum);
  return 0;
}
