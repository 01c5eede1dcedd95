/*
 * The local APIC (one-shot timer, EOI from the CPL0 stub) and the I/O APICs (device interrupt
 * routing), programmed from CPL3 through their uncached, user-accessible MMIO pages. The 8259
 * PICs were masked at CPL0. TSC-deadline mode is not used: nested PVM advertises it but ignores it,
 * and QEMU's TCG lacks it.
 */
#include "../arch/x86/cpu.h"
#include "../arch/x86/layout.h"
#include "nephos/kernel.h"

#define LAPIC_ID        0x020
#define LAPIC_TPR       0x080
#define LAPIC_SVR       0x0F0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3E0
#define LVT_MASKED      (1u << 16)

#define IOAPIC0 0xFEC00000u
#define IOAPIC1 0xFEC10000u

static struct { uintptr_t base; uint32_t gsi_base, pins; } ioapics[2];
static int nioapics;
static uint32_t lapic_id;

static inline uint32_t lapic_read(uint32_t reg) { return mmio_read32(LAPIC_BASE + reg); }
static inline void lapic_write(uint32_t reg, uint32_t v) { mmio_write32(LAPIC_BASE + reg, v); }

static uint32_t ioapic_read(uintptr_t base, uint32_t reg)
{
    mmio_write32(base, reg);
    return mmio_read32(base + 0x10);
}

static void ioapic_write(uintptr_t base, uint32_t reg, uint32_t v)
{
    mmio_write32(base, reg);
    mmio_write32(base + 0x10, v);
}

static void ioapic_probe(uintptr_t base, uint32_t gsi_base)
{
    uint32_t ver = ioapic_read(base, 1);
    if (ver == 0 || ver == 0xFFFFFFFFu) return;
    uint32_t pins = ((ver >> 16) & 0xFF) + 1;
    ioapics[nioapics].base = base;
    ioapics[nioapics].gsi_base = gsi_base;
    ioapics[nioapics].pins = pins;
    nioapics++;
    /* Redirection entries reset masked (82093AA datasheet 3.2.4) and the firmware we boot from
     * leaves them so: no masking pass here. Under nested virtualisation each I/O APIC access is
     * an exit to QEMU (~60 us); masking 24 pins would cost ~6 ms of boot. */
}

void lapic_init(void)
{
    lapic_id = lapic_read(LAPIC_ID) >> 24;
    lapic_write(LAPIC_TPR, 0);
    lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);
    lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
    lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
    lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
    lapic_write(LAPIC_TIMER_DIV, 0xB);                     /* divide by 1 */
    lapic_write(LAPIC_LVT_TIMER, VEC_TIMER | LVT_MASKED);

    /* Measure the timer's rate against the TSC over ~200 us, bracketing each read. */
    lapic_write(LAPIC_TIMER_INIT, 0xFFFFFFFFu);
    uint64_t a0 = rdtsc();
    uint32_t c0 = lapic_read(LAPIC_TIMER_CUR);
    uint64_t b0 = rdtsc();
    uint64_t span = clock_info.tsc_hz / 5000;
    while (rdtsc() - a0 < span) cpu_relax();
    uint64_t a1 = rdtsc();
    uint32_t c1 = lapic_read(LAPIC_TIMER_CUR);
    uint64_t b1 = rdtsc();
    lapic_write(LAPIC_TIMER_INIT, 0);
    uint64_t tsc = ((a1 + b1) - (a0 + b0)) / 2;
    uint64_t ticks = c0 - c1;
    if (!tsc || !ticks) panic("local APIC timer does not count");
    clock_info.lapic_ticks_per_ms = (uint32_t)(ticks * clock_info.tsc_hz / tsc / 1000);
    lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);               /* one-shot, unmasked */

    ioapic_probe(IOAPIC0, 0);
    ioapic_probe(IOAPIC1, 24);
}

void lapic_timer_arm(uint64_t ns)
{
    if (!ns) {
        lapic_write(LAPIC_TIMER_INIT, 0);
        return;
    }
    uint64_t ticks = ns * clock_info.lapic_ticks_per_ms / 1000000ULL;
    if (ticks < 1) ticks = 1;
    if (ticks > 0xFFFFFFFFULL) ticks = 0xFFFFFFFFULL;   /* the event loop re-arms when it wakes early */
    lapic_write(LAPIC_TIMER_INIT, (uint32_t)ticks);
}

int ioapic_route(uint32_t gsi, uint8_t vector, int level, int active_low, int masked)
{
    for (int i = 0; i < nioapics; i++) {
        if (gsi < ioapics[i].gsi_base || gsi >= ioapics[i].gsi_base + ioapics[i].pins) continue;
        uint32_t pin = gsi - ioapics[i].gsi_base;
        uint32_t lo = vector | (active_low ? 1u << 13 : 0) | (level ? 1u << 15 : 0) | (masked ? LVT_MASKED : 0);
        ioapic_write(ioapics[i].base, 0x11 + 2 * pin, lapic_id << 24);
        ioapic_write(ioapics[i].base, 0x10 + 2 * pin, lo);
        return 0;
    }
    return -1;
}

int ioapic_count(void)
{
    return nioapics;
}
