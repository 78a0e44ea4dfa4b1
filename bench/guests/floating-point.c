/* Floating-point work: a small n-body step, polynomial evaluation, sqrt and conversions. */
#include <math.h>
#include <stdio.h>

#define BODIES 8
static double x[BODIES], y[BODIES], vx[BODIES], vy[BODIES], m[BODIES];

int main(void) {
  for (int i = 0; i < BODIES; i++) { x[i] = i * 1.5; y[i] = (i % 3) * 0.75; vx[i] = 0.01 * i; vy[i] = -0.02 * i; m[i] = 1.0 + i * 0.1; }
  double energy = 0;
  for (int step = 0; step < 4000; step++) {
    for (int i = 0; i < BODIES; i++)
      for (int j = i + 1; j < BODIES; j++) {
        double dx = x[i] - x[j], dy = y[i] - y[j];
        double d2 = dx * dx + dy * dy + 0.01;
        double inv = 1.0 / (d2 * sqrt(d2));
        vx[i] -= dx * m[j] * inv * 0.001; vy[i] -= dy * m[j] * inv * 0.001;
        vx[j] += dx * m[i] * inv * 0.001; vy[j] += dy * m[i] * inv * 0.001;
      }
    for (int i = 0; i < BODIES; i++) { x[i] += vx[i] * 0.001; y[i] += vy[i] * 0.001; }
  }
  for (int i = 0; i < BODIES; i++) energy += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i]);
  float poly = 0;
  for (int i = 0; i < 20000; i++) { float t = (float)i / 20000.0f; poly += ((3.0f * t - 2.0f) * t + 0.5f) * t; }
  long conv = 0;
  for (int i = 0; i < 20000; i++) conv += (long)(sqrt((double)i) * 16.0);
  printf("floating-point %.9f %.4f %ld\n", energy, (double)poly, conv);
  return 0;
}
