/* What boot hands from CPL0 to CPL3, and the PVH start info the hypervisor gives us
 * (Xen's public/arch-x86/hvm/start_info.h, version 1). */
#ifndef NEPHOS_BOOT_H
#define NEPHOS_BOOT_H
#include <stdint.h>

#define HVM_START_MAGIC 0x336ec578

struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;       /* version >= 1 */
    uint32_t memmap_entries;
    uint32_t reserved;
};

struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};

struct hvm_memmap_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;               /* 1 = RAM */
    uint32_t reserved;
};

/* kvmclock structures (Linux's pvclock ABI). */
struct pvclock_vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad[2];
} __attribute__((packed));

struct pvclock_wall_clock {
    uint32_t version;
    uint32_t sec;
    uint32_t nsec;
} __attribute__((packed));

#define HYPERVISOR_NONE 0
#define HYPERVISOR_KVM  1

struct boot_cpl0 {
    struct pvclock_vcpu_time_info pvclock __attribute__((aligned(64)));
    struct pvclock_wall_clock wall __attribute__((aligned(16)));
    int hypervisor;
    int kvmclock;
    uint64_t high_map_end;       /* RAM above 4 GiB is mapped up to here (0: none) */
    /* CPUID leaves 0, 1 and 7.0 read at CPL0: a hypervisor that lets CPL3 run CPUID natively
     * (nested PVM) would otherwise show the host's features instead of the VM's. */
    uint32_t cpuid0[4], cpuid1[4], cpuid7[4];
};

extern struct boot_cpl0 boot_cpl0;
extern uint32_t pvh_start_info;

#endif
