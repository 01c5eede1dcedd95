/*
 * Time. Monotonic time is the TSC scaled to nanoseconds, counted from the PVH entry. The TSC rate
 * comes from kvmclock when the hypervisor offers it (its pvclock page states the scale) and is
 * otherwise measured against the 8254 PIT's channel 0 (1.193182 MHz; channel 2 and port 0x61 do
 * not exist on microvm). Wall-clock time comes from kvmclock's wall clock, or the CMOS RTC.
 * Assumes an invariant TSC (true on the hypervisors we target; kvmclock says so in its flags).
 */
#include <string.h>
#include "../arch/x86/cpu.h"
#include "nephos/boot.h"
#include "nephos/kernel.h"

struct clock_info clock_info;

#define PIT_HZ 1193182ULL

static void pvclock_read(struct pvclock_vcpu_time_info *out)
{
    volatile struct pvclock_vcpu_time_info *p = &boot_cpl0.pvclock;
    uint32_t v;
    do {
        v = p->version;
        compiler_barrier();
        memcpy(out, (const void *)p, sizeof *out);
        compiler_barrier();
    } while ((v & 1) || v != p->version);
}

static uint64_t pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
    if (shift < 0) delta >>= -shift;
    else delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

static uint16_t pit_read(void)
{
    outb(0x43, 0x00);                 /* latch channel 0 */
    uint8_t lo = inb(0x40);
    uint8_t hi = inb(0x40);
    return (uint16_t)(lo | (hi << 8));
}

/* Measures the TSC rate over ~5 ms of PIT ticks (mode 2, counting down from 0xFFFF). */
static uint64_t pit_calibrate(void)
{
    outb(0x43, 0x34);                 /* channel 0, lobyte/hibyte, mode 2 */
    outb(0x40, 0xFF);
    outb(0x40, 0xFF);
    uint16_t c0 = pit_read();
    uint64_t t0 = rdtsc();
    uint32_t elapsed = 0;
    uint16_t last = c0;
    uint64_t t1 = t0;
    while (elapsed < PIT_HZ / 200) {
        uint16_t c = pit_read();
        t1 = rdtsc();
        elapsed += (uint16_t)(last - c);
        last = c;
        if (t1 - t0 > 10000000000ULL) break;   /* no PIT: give up after ~seconds */
    }
    if (!elapsed) return 0;
    return (t1 - t0) * PIT_HZ / elapsed;
}

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int64_t rtc_read_unix(void)
{
    uint8_t r[7], again[7];
    for (int tries = 0; tries < 5; tries++) {
        for (int spin = 0; spin < 100000 && (cmos(0x0A) & 0x80); spin++) { }
        static const uint8_t regs[7] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 };
        for (int i = 0; i < 7; i++) r[i] = cmos(regs[i]);
        for (int i = 0; i < 7; i++) again[i] = cmos(regs[i]);
        if (!memcmp(r, again, sizeof r)) break;
    }
    uint8_t b = cmos(0x0B);
    int pm = !(b & 0x02) && (r[2] & 0x80);
    r[2] &= 0x7F;
    if (!(b & 0x04)) {
        for (int i = 0; i < 7; i++) r[i] = (uint8_t)((r[i] & 0x0F) + (r[i] >> 4) * 10);
    }
    unsigned hour = r[2];
    if (!(b & 0x02)) hour = (hour % 12) + (pm ? 12 : 0);
    int year = r[6] >= 19 && r[6] <= 22 ? r[6] * 100 + r[5] : 2000 + r[5];
    if (r[4] < 1 || r[4] > 12 || r[3] < 1 || r[3] > 31) return 0;
    return days_from_civil(year, r[4], r[3]) * 86400 + hour * 3600 + r[1] * 60 + r[0];
}

void clock_init(void)
{
    uint64_t now_tsc;
    if (boot_cpl0.kvmclock) {
        struct pvclock_vcpu_time_info pv;
        pvclock_read(&pv);
        now_tsc = rdtsc();
        uint64_t sys_ns = pv.system_time + pvclock_scale(now_tsc - pv.tsc_timestamp, pv.tsc_to_system_mul, pv.tsc_shift);
        unsigned __int128 hz = ((unsigned __int128)1000000000ULL << 32) / pv.tsc_to_system_mul;
        if (pv.tsc_shift < 0) hz <<= -pv.tsc_shift;
        else hz >>= pv.tsc_shift;
        clock_info.tsc_hz = (uint64_t)hz;
        clock_info.source = "kvmclock";
        volatile struct pvclock_wall_clock *w = &boot_cpl0.wall;
        int64_t wall_now = (int64_t)w->sec * 1000000000LL + w->nsec + (int64_t)sys_ns;
        clock_info.wall_source = "kvmclock";
        clock_info.tsc0 = bootinfo.boot_tsc;
        clock_info.ns_mult = (uint64_t)(((unsigned __int128)1000000000ULL << 32) / clock_info.tsc_hz);
        clock_info.wall_ns_at_tsc0 = wall_now - (int64_t)clock_mono_ns();
        if (w->sec) return;
        /* kvmclock without a wall clock: fall through to the RTC for the date. */
    } else {
        clock_info.tsc_hz = pit_calibrate();
        if (!clock_info.tsc_hz) panic("no clock: neither kvmclock nor a working PIT to measure the TSC");
        clock_info.source = "pit";
        clock_info.tsc0 = bootinfo.boot_tsc;
        clock_info.ns_mult = (uint64_t)(((unsigned __int128)1000000000ULL << 32) / clock_info.tsc_hz);
    }
    int64_t rtc = rtc_read_unix();
    clock_info.wall_source = "rtc";
    /* The RTC counts whole seconds: take the middle of the second. */
    clock_info.wall_ns_at_tsc0 = rtc * 1000000000LL + 500000000LL - (int64_t)clock_mono_ns();
}

uint64_t clock_mono_ns(void)
{
    uint64_t d = rdtsc() - clock_info.tsc0;
    return (uint64_t)(((unsigned __int128)d * clock_info.ns_mult) >> 32);
}

int64_t clock_wall_ns(void)
{
    return clock_info.wall_ns_at_tsc0 + (int64_t)clock_mono_ns();
}
