/*
 * The privileged (CPL0) C code: kmain0, run once before dropping to CPL3, and crash0, the CPU
 * exception report. Compiled with -mgeneral-regs-only and no libc calls: under nested PVM every
 * CPL0 instruction is emulated and the emulator cannot decode SSE. Keep it short.
 */
#include <stdint.h>
#include "cpu.h"
#include "layout.h"
#include "nephos/boot.h"
#include "nephos/exit.h"

struct boot_cpl0 boot_cpl0;          /* results for CPL3 (kernel/include/nephos/boot.h) */
struct crash_frame crash_info;       /* copy of the frame for the CPL3 crash report */
static int crashing;

/* A small block FS points at: word 0 points to itself (musl's TLS self pointer), word 5
 * (offset 0x28) is the stack-protector canary Debian's musl libc.a checks. */
uint64_t tls_block[16] __attribute__((aligned(64)));

extern uint64_t pd3[512];
extern uint64_t pdpt[512];
extern char _end[];
extern void crash_user(struct crash_frame *f);
extern char crash_stack[];

static void map_high_ram(const struct hvm_start_info *si)
{
    if (si->version < 1 || !si->memmap_paddr) return;
    const struct hvm_memmap_entry *mm = (const struct hvm_memmap_entry *)(uintptr_t)si->memmap_paddr;
    uint64_t top = 0;
    for (uint32_t i = 0; i < si->memmap_entries; i++) {
        if (mm[i].type != 1) continue;
        uint64_t end = mm[i].addr + mm[i].size;
        /* RAM inside 3-4 GiB (rare: big low memory): map it cached. */
        uint64_t a = mm[i].addr < 0xC0000000ULL ? 0xC0000000ULL : mm[i].addr & ~0x1FFFFFULL;
        for (; a < end && a < 0x100000000ULL; a += 0x200000) pd3[(a - 0xC0000000ULL) >> 21] &= ~0x18ULL;
        if (end > top) top = end;
    }
    if (top <= 0x100000000ULL) return;
    uint32_t a, b, c, d;
    cpuid(0x80000001, 0, &a, &b, &c, &d);
    uint64_t gib = (top + 0x3FFFFFFFULL) >> 30;
    if (gib > 512) gib = 512;
    if (!(d & (1u << 26))) return;   /* no 1 GiB pages: RAM above 4 GiB stays unused (boot notice) */
    for (uint64_t g = 4; g < gib; g++) pdpt[g] = (g << 30) | 0x87;
    boot_cpl0.high_map_end = gib << 30;
}

/* Boot data the loader left in page 0 (SeaBIOS's PVH option ROM does, on pc/q35), copied out
 * before page 0 becomes a NULL trap. On microvm nothing is there and nothing is copied. */
static struct {
    struct hvm_start_info si;
    struct hvm_memmap_entry mm[32];
    struct hvm_modlist_entry mod[4];
    char cmdline[4096];
} boot_copy;
extern uint64_t pt0[512];

static void copy0(void *dst, uint64_t src, uint64_t n)
{
    char *d = dst;
    const volatile char *s = (const volatile char *)(uintptr_t)src;
    for (uint64_t i = 0; i < n; i++) d[i] = s[i];
}

static uint32_t rescue_page0(uint32_t paddr)
{
    const struct hvm_start_info *si = (const struct hvm_start_info *)(uintptr_t)paddr;
    int low = paddr < 0x1000;
    pt0[0] = 0x3;                            /* page 0, present, supervisor only */
    __asm__ volatile("invlpg (%0)" :: "r"(0ULL) : "memory");
    if (!low) low = si->memmap_paddr < 0x1000 || si->modlist_paddr < 0x1000 || (si->cmdline_paddr && si->cmdline_paddr < 0x1000);
    if (low) {
        copy0(&boot_copy.si, paddr, sizeof boot_copy.si);
        struct hvm_start_info *c = &boot_copy.si;
        if (c->memmap_entries > 32) c->memmap_entries = 32;
        if (c->nr_modules > 4) c->nr_modules = 4;
        copy0(boot_copy.mm, c->memmap_paddr, sizeof boot_copy.mm[0] * c->memmap_entries);
        copy0(boot_copy.mod, c->modlist_paddr, sizeof boot_copy.mod[0] * c->nr_modules);
        c->memmap_paddr = (uint64_t)(uintptr_t)boot_copy.mm;
        c->modlist_paddr = (uint64_t)(uintptr_t)boot_copy.mod;
        if (c->cmdline_paddr && c->cmdline_paddr < 0x1000) {
            const volatile char *s = (const volatile char *)(uintptr_t)c->cmdline_paddr;
            uint64_t i = 0;
            for (; i < sizeof boot_copy.cmdline - 1 && s[i]; i++) boot_copy.cmdline[i] = s[i];
            c->cmdline_paddr = (uint64_t)(uintptr_t)boot_copy.cmdline;
        }
        paddr = (uint32_t)(uintptr_t)c;
    }
    pt0[0] = 0;
    __asm__ volatile("invlpg (%0)" :: "r"(0ULL) : "memory");
    return paddr;
}

uint32_t kmain0(uint32_t start_info_paddr)
{
    start_info_paddr = rescue_page0(start_info_paddr);
    const struct hvm_start_info *si = (const struct hvm_start_info *)(uintptr_t)start_info_paddr;

    /* Mask both 8259 PICs: interrupts come through the local APIC and I/O APIC only. */
    outb(0x21, 0xFF);
    outb(0xA1, 0xFF);

    if (si->magic == HVM_START_MAGIC) map_high_ram(si);

    uint32_t a, b, c, d;
    cpuid(0, 0, &boot_cpl0.cpuid0[0], &boot_cpl0.cpuid0[1], &boot_cpl0.cpuid0[2], &boot_cpl0.cpuid0[3]);
    cpuid(1, 0, &boot_cpl0.cpuid1[0], &boot_cpl0.cpuid1[1], &boot_cpl0.cpuid1[2], &boot_cpl0.cpuid1[3]);
    if (boot_cpl0.cpuid0[0] >= 7)
        cpuid(7, 0, &boot_cpl0.cpuid7[0], &boot_cpl0.cpuid7[1], &boot_cpl0.cpuid7[2], &boot_cpl0.cpuid7[3]);

    /* kvmclock: the hypervisor's TSC scale and wall clock, if offered (CPUID 0x40000000). */
    cpuid(0x40000000, 0, &a, &b, &c, &d);
    if (b == 0x4b4d564b && c == 0x564b4d56 && d == 0x4d) {      /* "KVMKVMKVM" */
        boot_cpl0.hypervisor = HYPERVISOR_KVM;
        cpuid(0x40000001, 0, &a, &b, &c, &d);
        if (a & (1u << 3)) {                                        /* KVM_FEATURE_CLOCKSOURCE2 */
            wrmsr(MSR_KVM_SYSTEM_TIME_NEW, (uint64_t)(uintptr_t)&boot_cpl0.pvclock | 1);
            wrmsr(MSR_KVM_WALL_CLOCK_NEW, (uint64_t)(uintptr_t)&boot_cpl0.wall);
            boot_cpl0.kvmclock = 1;
        }
    }

    tls_block[0] = (uint64_t)(uintptr_t)tls_block;
    tls_block[5] = 0x6e6570686f73a5c3ULL;  /* canary: any non-zero value */
    wrmsr(MSR_FS_BASE, (uint64_t)(uintptr_t)tls_block);
    return start_info_paddr;
}

/* ---- crash report at CPL0 (integer-only serial output) ---- */

static void ser_putc(char ch)
{
    for (int i = 0; i < 100000 && !(inb(0x3FD) & 0x20); i++) { }
    outb(0x3F8, (uint8_t)ch);
}

static void ser_puts(const char *s)
{
    while (*s) ser_putc(*s++);
}

static void ser_hex(uint64_t v)
{
    ser_puts("0x");
    for (int i = 60; i >= 0; i -= 4) ser_putc("0123456789abcdef"[(v >> i) & 0xF]);
}

static void ser_dec(uint64_t v)
{
    char buf[24];
    int n = 0;
    do { buf[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) ser_putc(buf[--n]);
}

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
    "device not available", "double fault", "coprocessor overrun", "invalid TSS",
    "segment not present", "stack fault", "general protection fault", "page fault", "reserved",
    "x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
    "virtualization", "control protection", "reserved", "reserved", "reserved", "reserved",
    "reserved", "reserved", "hypervisor injection", "VMM communication", "security", "reserved",
};

static void reg(const char *name, uint64_t v)
{
    ser_puts(name);
    ser_putc('=');
    ser_hex(v);
}

void crash0(struct crash_frame *f)
{
    ser_puts("\nnephos: panic: CPU exception: ");
    ser_puts(f->vector < 32 ? exception_names[f->vector] : "unknown");
    ser_puts(" (vector ");
    ser_dec(f->vector);
    ser_puts(") in ");
    ser_puts((f->cs & 3) == 3 ? "ring 3" : "ring 0");
    ser_puts("\n");
    if (f->vector == 14) {
        uintptr_t cr2 = f->cr2;
        if (cr2 < 0x1000) ser_puts("  NULL pointer dereference\n");
        else if (cr2 >= GUARD_PAGE && cr2 < GUARD_PAGE + 0x1000) ser_puts("  stack overflow (hit the guard page below the user stack)\n");
    }
    reg("  rip", f->rip); reg(" rsp", f->rsp); reg(" rflags", f->rflags); reg(" err", f->error); reg(" cr2", f->cr2); ser_puts("\n");
    reg("  rax", f->rax); reg(" rbx", f->rbx); reg(" rcx", f->rcx); reg(" rdx", f->rdx); ser_puts("\n");
    reg("  rsi", f->rsi); reg(" rdi", f->rdi); reg(" rbp", f->rbp); reg(" r8 ", f->r8); ser_puts("\n");
    reg("  r9 ", f->r9); reg(" r10", f->r10); reg(" r11", f->r11); reg(" r12", f->r12); ser_puts("\n");
    reg("  r13", f->r13); reg(" r14", f->r14); reg(" r15", f->r15); ser_puts("\n");

    if ((f->cs & 3) == 3 && !crashing) {
        /* Resume at CPL3 in crash_user, on its own stack, to print the JavaScript stack. */
        crashing = 1;
        crash_info = *f;
        f->rip = (uint64_t)(uintptr_t)crash_user;
        f->rsp = (uint64_t)(uintptr_t)crash_stack + CRASH_STACK_SIZE - 8;
        f->rdi = (uint64_t)(uintptr_t)&crash_info;
        return;
    }
    ser_puts("\nNEPHOS_EXIT panic 134\n");
    for (;;) outl(DEBUG_EXIT_PORT, DEBUG_EXIT_PANIC);
}
