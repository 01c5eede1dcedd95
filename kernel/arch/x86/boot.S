/*
 * Boot and the CPL0 side of the native core.
 *
 * Entry: QEMU (or Firecracker, Cloud Hypervisor) loads this ELF and enters pvh_start32 as the Xen
 * PVH ABI says: 32-bit protected mode, paging off, %ebx = physical address of hvm_start_info.
 * We enable long mode with static identity page tables, load the static GDT/IDT/TSS, run kmain0
 * (the few privileged steps, in integer-only C), and drop to CPL3 with IOPL 3 in umain.
 *
 * After that the only CPL0 code is here: interrupt entry (record the vector, EOI, return), the
 * int3 service entry (idle halt without a lost wake-up), and the exception path (crash report).
 * Invariants:
 *   - CPL0 code never touches SSE registers (nested PVM emulates CPL0 and cannot decode SSE).
 *   - irq_seq increases on every interrupt; irq_pending has one bit per vector, set here and
 *     cleared by CPL3 with an atomic exchange.
 *   - SVC_IDLE halts only if irq_seq still equals the value CPL3 passed: with interrupts off
 *     between the comparison and `sti; hlt` (sti's one-instruction shadow), no wake-up is lost.
 *   - SYSCALL and `int $N` are never used (under nested PVM only int3 reaches CPL0 from CPL3).
 */
#include "layout.h"

/* ---- PVH entry note (Xen ELF note type 18: XEN_ELFNOTE_PHYS32_ENTRY) ---- */
        .section .note.Xen, "a", @note
        .balign 4
        .long 4                 /* name size */
        .long 4                 /* descriptor size */
        .long 18                /* XEN_ELFNOTE_PHYS32_ENTRY */
        .asciz "Xen"
        .long pvh_start32

/* ---- 32-bit entry ---- */
        .section .boot, "ax"
        .code32
        .globl pvh_start32
pvh_start32:
        cld
        rdtsc                           /* boot time reference: monotonic time 0 */
        movl %eax, boot_tsc
        movl %edx, boot_tsc + 4
        movl %ebx, pvh_start_info
        lgdt gdt_ptr
        movl %cr4, %eax
        orl $((1 << 5) | (1 << 9) | (1 << 10)), %eax    /* PAE, OSFXSR, OSXMMEXCPT */
        movl %eax, %cr4
        movl $pml4, %eax
        movl %eax, %cr3
        movl $0xC0000080, %ecx                           /* EFER */
        rdmsr
        orl $(1 << 8), %eax                              /* LME */
        wrmsr
        movl %cr0, %eax
        andl $~(1 << 2), %eax                            /* EM off: SSE usable at CPL3 */
        orl $((1 << 31) | (1 << 1) | (1 << 0)), %eax     /* PG, MP, PE */
        movl %eax, %cr0
        ljmp $SEL_KCODE, $start64

        .code64
start64:
        movw $SEL_KDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %ss
        xorl %eax, %eax
        movw %ax, %fs
        movw %ax, %gs
        movq $kstack_top, %rsp
        lidt idt_ptr(%rip)
        movw $SEL_TSS, %ax
        ltr %ax
        movl pvh_start_info(%rip), %edi
        call kmain0                     /* returns the start info address (moved out of page 0?) */
        movl %eax, pvh_start_info(%rip)
        /* Enter CPL3: umain(start_info) on the user stack, IF=1, IOPL=3. */
        pushq $SEL_UDATA
        pushq $(USER_STACK_TOP - 8)      /* as if a call pushed a return address: keeps SSE spills aligned */
        pushq $0x3202
        pushq $SEL_UCODE
        pushq $umain
        movl pvh_start_info(%rip), %edi
        xorl %eax, %eax
        xorl %ebx, %ebx
        xorl %ecx, %ecx
        xorl %edx, %edx
        xorl %esi, %esi
        xorl %ebp, %ebp
        iretq

/* ---- interrupt stubs: 16 bytes each at ISR_BASE + 16 * vector, so the IDT is static ---- */
        .section .isr, "ax"
        .globl isr_stubs
isr_stubs:
        .set vec, 0
        .rept 256
        .balign ISR_STUB_SIZE
        .if vec == VEC_SVC
        jmp svc_entry
        .elseif (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        pushq $vec                      /* the CPU pushed an error code */
        jmp isr_common
        .else
        pushq $0
        pushq $vec
        jmp isr_common
        .endif
        .set vec, vec + 1
        .endr

        .text
/* Stack on entry: vector, error code, rip, cs, rflags, rsp, ss. */
isr_common:
        cmpq $32, (%rsp)
        jb exception
        pushq %rax
        movq 8(%rsp), %rax
        btsq %rax, irq_pending(%rip)
        incq irq_seq(%rip)
        cmpq $VEC_SPURIOUS, %rax
        je 1f
        movl $LAPIC_BASE, %eax
        movl $0, LAPIC_EOI(%rax)
1:      popq %rax
        addq $16, %rsp
        iretq

/* int3 from CPL3: a service request. rax = service, rdi = argument; result in rax. */
svc_entry:
        cmpl $SVC_IDLE, %eax
        jne 2f
        cmpq irq_seq(%rip), %rdi
        jne 1f
        sti
        hlt
        cli
1:      movq irq_seq(%rip), %rax
        iretq
2:      movq $-1, %rax
        iretq

/* CPU exception: save the registers as struct crash_frame (kernel/arch/x86/cpu.h) and report. */
exception:
        pushq %r15
        pushq %r14
        pushq %r13
        pushq %r12
        pushq %r11
        pushq %r10
        pushq %r9
        pushq %r8
        pushq %rbp
        pushq %rdi
        pushq %rsi
        pushq %rdx
        pushq %rcx
        pushq %rbx
        pushq %rax
        movq %cr2, %rax
        pushq %rax
        movq %rsp, %rdi
        call crash0                     /* may rewrite the frame to resume at crash_user (CPL3) */
        addq $8, %rsp
        popq %rax
        popq %rbx
        popq %rcx
        popq %rdx
        popq %rsi
        popq %rdi
        popq %rbp
        popq %r8
        popq %r9
        popq %r10
        popq %r11
        popq %r12
        popq %r13
        popq %r14
        popq %r15
        addq $16, %rsp
        iretq

/* ---- CPU tables ---- */
        .section .tss, "aw"
        .globl tss
tss:
        .long 0
        .quad kstack_top                /* RSP0: stack for interrupts from CPL3 */
        .quad 0, 0
        .quad 0
        .quad dfstack_top               /* IST1: double fault */
        .quad 0, 0, 0, 0, 0, 0
        .quad 0
        .word 0
        .word TSS_IOMAP_OFFSET
        .fill 8192, 1, 0                /* every port allowed at CPL3 (nested PVM ignores IOPL) */
        .byte 0xff

        .section .cpu, "aw"
        .balign 16
gdt:
        .quad 0
        .quad 0x00AF9A000000FFFF        /* 0x08 kernel code, 64-bit */
        .quad 0x00CF92000000FFFF        /* 0x10 kernel data */
        .quad 0x00CFF2000000FFFF        /* 0x18 user data, DPL 3 */
        .quad 0x00AFFA000000FFFF        /* 0x20 user code, 64-bit, DPL 3 */
        .word TSS_LIMIT & 0xFFFF        /* 0x28 TSS (16 bytes) */
        .word TSS_BASE & 0xFFFF
        .byte (TSS_BASE >> 16) & 0xFF
        .byte 0x89
        .byte (TSS_LIMIT >> 16) & 0x0F
        .byte (TSS_BASE >> 24) & 0xFF
        .long 0
        .long 0
gdt_end:
        .balign 8
        .globl gdt_ptr
gdt_ptr:
        .word gdt_end - gdt - 1
        .quad gdt

        .balign 16
idt:
        .set vec, 0
        .rept 256
        .set off, ISR_BASE + vec * ISR_STUB_SIZE
        .word off & 0xFFFF
        .word SEL_KCODE
        .if vec == 8
        .byte 1                         /* IST1 */
        .else
        .byte 0
        .endif
        .if vec == VEC_SVC
        .byte 0xEE                      /* interrupt gate, DPL 3: int3 allowed from CPL3 */
        .else
        .byte 0x8E                      /* interrupt gate, DPL 0 */
        .endif
        .word (off >> 16) & 0xFFFF
        .long 0
        .long 0
        .set vec, vec + 1
        .endr
idt_end:
        .balign 8
idt_ptr:
        .word idt_end - idt - 1
        .quad idt

        .globl pvh_start_info
pvh_start_info:
        .long 0

/* Identity map of the first 4 GiB: 4 KiB pages for the first 2 MiB (page 0 and the guard page
 * absent), 2 MiB pages above; 3-4 GiB (MMIO: LAPIC, I/O APIC, virtio-mmio) uncached. Everything
 * is user-accessible: CPL3 runs the whole OS. kmain0 maps RAM above 4 GiB when there is some. */
        .section .pagetables, "aw"
        .balign 4096
        .globl pml4, pdpt
pml4:
        .quad pdpt + 0x7
        .fill 511, 8, 0
pdpt:
        .quad pd0 + 0x7, pd1 + 0x7, pd2 + 0x7, pd3 + 0x7
        .fill 508, 8, 0
        .globl pd0
pd0:
        .quad pt0 + 0x7
        .set i, 1
        .rept 511
        .quad (i << 21) | 0x87
        .set i, i + 1
        .endr
pd1:
        .set i, 512
        .rept 512
        .quad (i << 21) | 0x87
        .set i, i + 1
        .endr
pd2:
        .set i, 1024
        .rept 512
        .quad (i << 21) | 0x87
        .set i, i + 1
        .endr
        .globl pd3
pd3:
        .set i, 1536
        .rept 512
        .quad (i << 21) | 0x9F          /* + PCD, PWT */
        .set i, i + 1
        .endr
        .globl pt0
pt0:
        .quad 0                         /* page 0: NULL */
        .set i, 1
        .rept 511
        .if (i << 12) == GUARD_PAGE
        .quad 0
        .elseif ((i << 12) >= KERNEL_BASE) && ((i << 12) < GUARD_PAGE)
        .quad (i << 12) | 0x3           /* boot code and CPU tables: ring 0 only */
        .else
        .quad (i << 12) | 0x7
        .endif
        .set i, i + 1
        .endr

        .data
        .balign 8
        .globl boot_tsc
boot_tsc:                               /* read at CPL3: outside the ring-0-only tables */
        .quad 0

        .bss
        .balign 16
        .globl irq_pending, irq_seq
irq_pending:
        .skip 32                        /* 256 bits */
irq_seq:
        .skip 8
        .balign 16
kstack:
        .skip 16384
kstack_top:
dfstack:
        .skip 4096
dfstack_top:
