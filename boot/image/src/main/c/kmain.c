/*
 * kmain.c - the C boot path: from head.S's long-mode entry to the idle loop.
 *
 * Runs the seed's hardware-initialisation stages in order (early console, CPU and memory setup,
 * interrupt controller), printing each, then the memory map, the image footprint and the boot
 * time, then the self-test named on the command line, if any (selftest.h), then the translated
 * kernel if one is linked (handoff.h), else the idle loop.
 */
#include <stdint.h>
#include "bootinfo.h"
#include "cpu.h"
#include "footprint.h"
#include "gdt.h"
#include "handoff.h"
#include "irq.h"
#include "kprintf.h"
#include "machine.h"
#include "paging.h"
#include "percpu.h"
#include "selftest.h"
#include "serial.h"
#include "syscall.h"
#include "trap.h"

#define KEEL_VERSION "0.1.0"

struct percpu cpu0;
static struct bootinfo bootinfo;
static struct handoff handoff;

static void stage(const char *name, const char *detail)
{
    kprintf("boot: %-22s %s\n", name, detail);
}

static void print_memory_map(const struct bootinfo *bi)
{
    kprintf("memory map (multiboot%d, %d regions):\n", bi->protocol, bi->region_count);
    for (int i = 0; i < bi->region_count; i++) {
        const struct mem_region *r = &bi->regions[i];
        kprintf("  [%p-%p] %-16s %lu KiB\n", (void *)r->base, (void *)(r->base + r->length - 1),
                mem_type_name(r->type), r->length / 1024);
    }
    if (bi->regions_dropped)
        kprintf("  (%d more regions not kept)\n", bi->regions_dropped);
    kprintf("memory: %lu KiB usable\n", bootinfo_usable_bytes(bi) / 1024);
}

static void read_bootinfo(uint32_t magic, uint64_t info_phys)
{
    int err = bootinfo_parse(magic, info_phys, &bootinfo);
    if (err == BOOTINFO_ERANGE)
        panic("bootloader information outside the early mapping");
    if (err == BOOTINFO_ENOMAP)
        panic("bootloader gave no memory map");
    if (err != BOOTINFO_OK)
        panic("bad bootloader magic");
    kprintf("loader: %s (multiboot%d), cmdline \"%s\"\n",
            bootinfo.loader[0] ? bootinfo.loader : "unnamed", bootinfo.protocol, bootinfo.cmdline);
}

static void percpu_init(void)
{
    cpu0.kernel_rsp = tss_rsp0();
    wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)&cpu0);
    wrmsr(MSR_KERNEL_GS_BASE, 0);   /* user GS; swapgs exchanges the two */
}

void kmain(uint32_t magic, uint64_t info_phys, uint64_t tsc_entry)
{
    uint64_t tsc_kmain = rdtsc();
    kprintf("\nKeel " KEEL_VERSION " x86-64\n");
    stage("early console", "COM1 115200 8N1");
    serial2_init();
    read_bootinfo(magic, info_phys);

    gdt_init();
    idt_init();
    percpu_init();
    syscall_init();
    stage("CPU setup", "long mode, GDT + TSS (RSP0, IST1 #DF, IST2 NMI), IDT, syscall MSRs");

    paging_drop_identity();
    stage("memory setup", "kernel at 0xffffffff80000000, identity map dropped");
    print_memory_map(&bootinfo);

    pic_init();
    pit_init(PIT_HZ);
    pic_unmask(IRQ_TIMER);
    stage("interrupt controller", "8259 PIC at vectors 32-47, PIT 100 Hz on IRQ 0");

    footprint_print();
    /* The TSC starts at 0 at reset, so tsc_kmain also counts firmware and bootloader time. */
    kprintf("boot: entry to kmain %lu cycles, reset to kmain %lu cycles\n", tsc_kmain - tsc_entry, tsc_kmain);
    selftest_run(bootinfo.cmdline);

    if (keel_java_main) {
        handoff_build(&handoff, &bootinfo, tsc_entry, tsc_kmain);
        stage("kernel startup", "entering the translated kernel");
        keel_java_main((int64_t)virt_to_phys(&handoff));
    }

    serial_enable_rx_interrupt();
    pic_unmask(IRQ_COM1);
    kprintf("keel: boot complete, idle; typed characters are echoed\n");
    for (;;)
        sti_hlt();
}
