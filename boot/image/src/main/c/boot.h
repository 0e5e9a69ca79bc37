/*
 * boot.h - constants shared by the boot assembly and the C boot path.
 *
 * Only #defines: this file is included from .S files as well as from C.
 */
#ifndef KEEL_BOOT_H
#define KEEL_BOOT_H

/* Memory layout. The kernel is loaded at KERNEL_PHYS and runs at KERNEL_PHYS + KERNEL_OFFSET,
 * inside the top 2 GiB that -mcmodel=kernel requires. The early page tables map physical
 * [0, EARLY_MAP_SIZE) at both 0 (only until kmain drops it) and KERNEL_OFFSET. */
#define KERNEL_PHYS          0x100000
#define KERNEL_OFFSET        0xffffffff80000000
#define EARLY_MAP_SIZE       0x40000000            /* 1 GiB: one page directory of 2 MiB pages */

/* GDT selectors. The order user data, then user code is what sysret requires (STAR). */
#define GDT_KERNEL_CODE      0x08
#define GDT_KERNEL_DATA      0x10
#define GDT_USER_DATA        0x18
#define GDT_USER_CODE        0x20
#define GDT_TSS              0x28
#define RPL_USER             3

/* Control register bits. */
#define CR0_PE               (1 << 0)              /* protected mode */
#define CR0_WP               (1 << 16)             /* ring 0 honours read-only pages */
#define CR0_PG               (1 << 31)             /* paging */
#define CR4_PAE              (1 << 5)              /* physical address extension: 64-bit PTEs */
#define CR4_PGE              (1 << 7)              /* global pages */

/* Model-specific registers. */
#define MSR_EFER             0xC0000080
#define EFER_SCE             (1 << 0)              /* syscall/sysret enabled */
#define EFER_LME             (1 << 8)              /* long mode enable */
#define EFER_NXE             (1 << 11)             /* no-execute enable: PTE bit 63 honoured */
#define MSR_STAR             0xC0000081            /* syscall/sysret segment bases */
#define MSR_LSTAR            0xC0000082            /* 64-bit syscall entry point */
#define MSR_SFMASK           0xC0000084            /* RFLAGS bits cleared on syscall */
#define MSR_GS_BASE          0xC0000101
#define MSR_KERNEL_GS_BASE   0xC0000102            /* swapped with GS_BASE by swapgs */

/* RFLAGS bits. */
#define RFLAGS_TF            (1 << 8)
#define RFLAGS_IF            (1 << 9)
#define RFLAGS_DF            (1 << 10)
#define RFLAGS_NT            (1 << 14)
#define RFLAGS_AC            (1 << 18)
#define RFLAGS_ID            (1 << 21)             /* writable iff CPUID exists */

/* CPUID. */
#define CPUID_EXT_MAX        0x80000000
#define CPUID_EXT_FEATURES   0x80000001
#define CPUID_EXT_EDX_LM     (1 << 29)             /* long mode */
#define CPUID_EXT_EDX_NX     (1 << 20)             /* no-execute page protection */

/* Page table entry bits. */
#define PTE_P                (1 << 0)
#define PTE_W                (1 << 1)
#define PTE_U                (1 << 2)
#define PTE_PS               (1 << 7)              /* 2 MiB page in a page directory entry */
#define PAGE_SIZE_2M         0x200000

/* Multiboot. */
#define MB1_HEADER_MAGIC     0x1BADB002
#define MB1_HEADER_FLAGS     0x00000003            /* page-aligned modules, memory information */
#define MB1_LOADER_MAGIC     0x2BADB002
#define MB2_HEADER_MAGIC     0xE85250D6
#define MB2_ARCH_I386        0
#define MB2_LOADER_MAGIC     0x36D76289

/* Devices. */
#define COM1_PORT            0x3F8
#define DEBUG_EXIT_PORT      0xF4                  /* -device isa-debug-exit,iobase=0xf4,iosize=0x04 */

/* Stacks (bytes). */
#define BOOT_STACK_SIZE      16384
#define IST_STACK_SIZE       4096

/* Offsets into struct percpu (percpu.h) used by the syscall entry path. */
#define PERCPU_KERNEL_RSP    0
#define PERCPU_USER_RSP      8

#endif
