/*
 * Prints the host's TSC rate in kHz (runs on the host, not in the guest).
 *
 * Why: under TCG the guest's RDTSC reads the host's TSC (QEMU's cpu_get_host_ticks()), and Linux
 * calibrates that rate against the PIT at boot. On a loaded host (two cores shared with other VMs)
 * that calibration fails ("tsc: Unable to calibrate against PIT", then "No reference (HPET/PMTIMER)
 * available": microvm has neither) and the guest hangs in the delay-loop calibration. Passing the
 * rate as tsc_early_khz= (Documentation/admin-guide/kernel-parameters.txt) skips the calibration.
 *
 * Method: count TSC ticks across 50 ms of CLOCK_MONOTONIC_RAW, five times; print the median.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned long long rdtsc(void) {
  unsigned int lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((unsigned long long)hi << 32) | lo;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC_RAW, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(void) {
  double khz[5];
  for (int i = 0; i < 5; i++) {
    double t0 = now_ns();
    unsigned long long c0 = rdtsc();
    double t1;
    do t1 = now_ns(); while (t1 - t0 < 50e6);
    unsigned long long c1 = rdtsc();
    khz[i] = (double)(c1 - c0) / (t1 - t0) * 1e6;
  }
  qsort(khz, 5, sizeof khz[0], by_value);
  printf("%.0f\n", khz[2]);
  return 0;
}
