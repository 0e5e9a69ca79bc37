/* gdt.c - GDT and TSS (see gdt.h). */
#include <stdint.h>
#include "gdt.h"
#include "boot.h"

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];          /* stack loaded on a switch to ring 0, 1, 2 */
    uint64_t reserved1;
    uint64_t ist[7];          /* interrupt stack table, IST1 is ist[0] */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;      /* offset of the I/O bitmap; past the limit means no bitmap */
} __attribute__((packed));

_Static_assert(sizeof(struct tss) == 104, "TSS is 104 bytes in long mode");

/* Segment descriptor bits (access byte in bits 40-47, flags in 52-55). */
#define SEG_ACCESSED   (1ull << 40)
#define SEG_WRITABLE   (1ull << 41)   /* data: writable; code: readable */
#define SEG_CODE       (1ull << 43)
#define SEG_CODE_DATA  (1ull << 44)   /* not a system descriptor */
#define SEG_DPL3       (3ull << 45)
#define SEG_PRESENT    (1ull << 47)
#define SEG_LONG       (1ull << 53)   /* 64-bit code */
#define SEG_TSS_AVAIL  (9ull << 40)   /* system type: available 64-bit TSS */

#define KERNEL_CODE (SEG_PRESENT | SEG_CODE_DATA | SEG_CODE | SEG_WRITABLE | SEG_ACCESSED | SEG_LONG)
#define KERNEL_DATA (SEG_PRESENT | SEG_CODE_DATA | SEG_WRITABLE | SEG_ACCESSED)

#define GDT_ENTRIES 7   /* null, kernel code, kernel data, user data, user code, TSS (two slots) */

static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16)));
static struct tss tss __attribute__((aligned(16)));

/* Kernel stack for traps from ring 3, and the IST stacks. */
static uint8_t kernel_stack[BOOT_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t double_fault_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t nmi_stack[IST_STACK_SIZE] __attribute__((aligned(16)));

static void tss_descriptor(uint64_t *slot)
{
    uint64_t base = (uint64_t)(uintptr_t)&tss;
    uint64_t limit = sizeof tss - 1;
    slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | SEG_TSS_AVAIL | SEG_PRESENT
            | (((base >> 24) & 0xff) << 56);
    slot[1] = base >> 32;
}

/* load_gdt: lgdt, then reload CS with a far return and the data segments, then ltr. */
static void load_gdt(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) ptr = { sizeof gdt - 1, (uint64_t)(uintptr_t)gdt };
    __asm__ volatile(
        "lgdt %0\n\t"
        "pushq %1\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "movl %2, %%eax\n\t"
        "movl %%eax, %%ds\n\t"
        "movl %%eax, %%es\n\t"
        "movl %%eax, %%ss\n\t"
        "movw %3, %%ax\n\t"
        "ltr %%ax"
        : : "m"(ptr), "i"(GDT_KERNEL_CODE), "i"(GDT_KERNEL_DATA), "i"(GDT_TSS) : "rax", "memory");
}

void gdt_init(void)
{
    gdt[0] = 0;
    gdt[GDT_KERNEL_CODE / 8] = KERNEL_CODE;
    gdt[GDT_KERNEL_DATA / 8] = KERNEL_DATA;
    gdt[GDT_USER_DATA / 8] = KERNEL_DATA | SEG_DPL3;
    gdt[GDT_USER_CODE / 8] = KERNEL_CODE | SEG_DPL3;
    tss.rsp[0] = (uint64_t)(uintptr_t)(kernel_stack + sizeof kernel_stack);
    tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)(uintptr_t)(double_fault_stack + sizeof double_fault_stack);
    tss.ist[IST_NMI - 1] = (uint64_t)(uintptr_t)(nmi_stack + sizeof nmi_stack);
    tss.iomap_base = sizeof tss;
    tss_descriptor(&gdt[GDT_TSS / 8]);
    load_gdt();
}

uint64_t tss_rsp0(void)
{
    return tss.rsp[0];
}
