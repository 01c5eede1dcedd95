/* The CPL3 half of the native core: what its files offer each other. */
#ifndef NEPHOS_KERNEL_H
#define NEPHOS_KERNEL_H
#include <stddef.h>
#include <stdint.h>

/* serial.c: the 16550 console at 0x3F8 (every byte is a VM exit: early boot and panics only) */
void serial_write(const char *s, size_t n);
void serial_puts(const char *s);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* bootinfo.c */
#define MAX_MEM_RANGES 32
struct mem_range { uint64_t addr, size; uint32_t type; };
struct bootinfo {
    const char *cmdline;
    struct mem_range mem[MAX_MEM_RANGES];
    int nmem;
    uint64_t initrd_addr, initrd_size;
    uint64_t ram_bytes;            /* RAM the memory map reports */
    uint64_t heap_bytes;           /* of which under the allocator */
    uint64_t boot_tsc;             /* TSC at the PVH entry */
    uint64_t engine_ns;            /* monotonic ns when the JS runtime was created */
    uint64_t os_loaded_ns;         /* ... when the OS bytecode was read */
};
extern struct bootinfo bootinfo;
void bootinfo_parse(uint32_t start_info_paddr);
void memory_init(void);

/* clock.c */
struct clock_info {
    uint64_t tsc_hz;
    uint64_t tsc0;                 /* TSC at clock_init: monotonic time 0 is the PVH entry */
    uint64_t ns_mult;              /* ns = (tsc delta * ns_mult) >> 32 */
    int64_t wall_ns_at_tsc0;       /* Unix time (ns) when monotonic time was 0 */
    const char *source;            /* "kvmclock" or "pit" */
    const char *wall_source;       /* "kvmclock" or "rtc" */
    uint32_t lapic_ticks_per_ms;
};
extern struct clock_info clock_info;
void clock_init(void);
uint64_t clock_mono_ns(void);
int64_t clock_wall_ns(void);

/* apic.c */
void lapic_init(void);
void lapic_timer_arm(uint64_t ns);       /* 0 disarms */
int ioapic_route(uint32_t gsi, uint8_t vector, int level, int active_low, int masked);
int ioapic_count(void);

/* irq state shared with boot.S */
extern volatile uint64_t irq_pending[4];
extern volatile uint64_t irq_seq;

/* random.c: ChaCha20 DRBG seeded from RDSEED/RDRAND and virtio-rng */
void random_init(void);
void random_absorb(const uint8_t *data, size_t n, int credit_bytes);
int random_fill(uint8_t *out, size_t n);    /* 0 if not seeded */
int random_seeded(void);
const char *random_sources(void);

/* exit.c */
#define EXIT_KIND_EXIT 0
#define EXIT_KIND_PANIC 1
#define EXIT_KIND_OOM 2
void nephos_exit(int kind, int code) __attribute__((noreturn));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void oom(size_t request) __attribute__((noreturn));

/* engine.c */
void engine_run(void) __attribute__((noreturn));
void engine_dump_stack(void);
extern int engine_started;

#endif
