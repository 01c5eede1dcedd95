/*
 * Fixed physical layout of the first megabytes (identity-mapped; virtual = physical).
 *
 *   0x000000  page 0: not mapped (NULL dereferences fault)
 *   0x001000  low memory: PVH start info, command line, memory map (left as QEMU put them)
 *   0x100000  KERNEL_BASE: boot code (.boot), ISR stubs (.isr, fixed address so the IDT is static),
 *             CPU tables (.cpu: TSS at a fixed address so the GDT is static, GDT, IDT, page tables)
 *   0x110000  guard page (not mapped): catches user stack overflow
 *   0x111000  user stack (CPL3), grows down from USER_STACK_TOP
 *   0x200000  C code and data (engine, libc, runtime), then .bss
 *   ...       heap: every RAM range of the memory map above the kernel, minus the initrd module
 *
 * Everything the CPU reads at CPL0 (GDT, IDT, TSS, page tables) is initialised data built by the
 * assembler: under nested PVM every CPL0 instruction is emulated (~0.5 us), so boot does not build
 * tables with loops at CPL0.
 */
#ifndef NEPHOS_LAYOUT_H
#define NEPHOS_LAYOUT_H

#define KERNEL_BASE      0x100000
#define ISR_BASE         0x101000   /* 256 stubs x 16 bytes */
#define ISR_STUB_SIZE    16
#define TSS_BASE         0x102000   /* 104-byte TSS, then the I/O permission bitmap */
#define TSS_IOMAP_OFFSET 104
#define TSS_LIMIT        (TSS_IOMAP_OFFSET + 8192)   /* bitmap of 65536 ports, then one 0xFF byte */
#define GUARD_PAGE       0x110000
#define USER_STACK_BASE  0x111000
#define USER_STACK_TOP   0x200000
#define TEXT_BASE        0x200000

#define SEL_KCODE  0x08
#define SEL_KDATA  0x10
#define SEL_UDATA  0x1b   /* GDT index 3, RPL 3 */
#define SEL_UCODE  0x23   /* GDT index 4, RPL 3 */
#define SEL_TSS    0x28

#define LAPIC_BASE 0xFEE00000
#define LAPIC_EOI  0xB0

#define CRASH_STACK_SIZE 65536   /* CPL3 stack for the crash report */

/* Interrupt vectors */
#define VEC_SVC       3      /* int3: CPL3 -> CPL0 service entry */
#define VEC_TIMER     0x20   /* local APIC timer */
#define VEC_IRQ_BASE  0x30   /* device interrupts routed through the I/O APIC */
#define VEC_SPURIOUS  0xFF

/* Services (rax at int3) */
#define SVC_IDLE      1      /* rdi = interrupt sequence last seen: halt unless it moved */

#endif
