/* Reads the PVH start info (command line, memory map, the initrd module carrying the image
 * archive) and hands every RAM range above the kernel to the allocator, minus what boot data
 * still in use occupies. */
#include <string.h>
#include "nephos/boot.h"
#include "nephos/heap.h"
#include "nephos/kernel.h"

struct bootinfo bootinfo;
extern char _end[];

#define MAX_RESERVED 8
static struct { uint64_t start, end; } reserved[MAX_RESERVED];
static int nreserved;

static void reserve(uint64_t start, uint64_t size)
{
    if (size && nreserved < MAX_RESERVED) {
        reserved[nreserved].start = start;
        reserved[nreserved].end = start + size;
        nreserved++;
    }
}

void bootinfo_parse(uint32_t paddr)
{
    const struct hvm_start_info *si = (const struct hvm_start_info *)(uintptr_t)paddr;
    if (!paddr || si->magic != HVM_START_MAGIC) panic("not booted by the PVH protocol (start info magic missing)");
    reserve(paddr, sizeof *si);
    bootinfo.cmdline = si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr : "";
    reserve(si->cmdline_paddr, strlen(bootinfo.cmdline) + 1);
    if (si->nr_modules >= 1 && si->modlist_paddr) {
        const struct hvm_modlist_entry *m = (const struct hvm_modlist_entry *)(uintptr_t)si->modlist_paddr;
        reserve(si->modlist_paddr, sizeof *m * si->nr_modules);
        bootinfo.initrd_addr = m[0].paddr;
        bootinfo.initrd_size = m[0].size;
        reserve(m[0].paddr, m[0].size);
    }
    if (si->version >= 1 && si->memmap_paddr) {
        const struct hvm_memmap_entry *mm = (const struct hvm_memmap_entry *)(uintptr_t)si->memmap_paddr;
        reserve(si->memmap_paddr, sizeof *mm * si->memmap_entries);
        for (uint32_t i = 0; i < si->memmap_entries && bootinfo.nmem < MAX_MEM_RANGES; i++) {
            bootinfo.mem[bootinfo.nmem].addr = mm[i].addr;
            bootinfo.mem[bootinfo.nmem].size = mm[i].size;
            bootinfo.mem[bootinfo.nmem].type = mm[i].type;
            bootinfo.nmem++;
            if (mm[i].type == 1) bootinfo.ram_bytes += mm[i].size;
        }
    }
    if (!bootinfo.nmem) panic("the hypervisor gave no memory map (PVH start info version %u)", si->version);
}

/* Adds [start, end) minus the reserved ranges to the heap. */
static void add_usable(uint64_t start, uint64_t end)
{
    for (int i = 0; i < nreserved; i++) {
        uint64_t rs = reserved[i].start & ~0xFFFULL, re = (reserved[i].end + 0xFFF) & ~0xFFFULL;
        if (re <= start || rs >= end) continue;
        if (rs > start) add_usable(start, rs);
        if (re < end) add_usable(re, end);
        return;
    }
    heap_add_region((uintptr_t)start, (uintptr_t)end);
    bootinfo.heap_bytes += end - start;
}

void memory_init(void)
{
    uint64_t kernel_end = (uint64_t)(uintptr_t)_end;
    uint64_t limit = boot_cpl0.high_map_end ? boot_cpl0.high_map_end : 0x100000000ULL;
    for (int i = 0; i < bootinfo.nmem; i++) {
        if (bootinfo.mem[i].type != 1) continue;
        uint64_t start = bootinfo.mem[i].addr, end = start + bootinfo.mem[i].size;
        if (start < kernel_end) start = kernel_end;
        if (end > limit) end = limit;
        /* 3-4 GiB is mapped uncached unless kmain0 found RAM there; it did, for this range. */
        if (end > start) add_usable(start, end);
    }
    if (!bootinfo.heap_bytes) panic("no usable RAM above the kernel (%llu bytes reported)", (unsigned long long)bootinfo.ram_bytes);
}
