/*
 * handoff.h - what the boot path hands to the translated Java kernel.
 *
 * The translated kernel is linked into the image from C files (Makefile: JAVA_C) and starts at
 *
 *     void keel_java_main(int64_t handoff_phys);     // e.g. a static void main(long) exported
 *                                                    // under that name by the translator
 *
 * kmain calls it, if it is linked, after the hardware stages and any self-test, with interrupts
 * off, on the boot stack, and the GDT, IDT, TSS, PIC, PIT and syscall MSRs set up. It must not
 * return. Without it the kernel boots to its idle loop (the symbol is weak).
 *
 * The handoff is a flat array of 64-bit little-endian words at a physical address, so Java reads
 * it with PhysicalMemory.load64(handoff_phys + 8 * HANDOFF_*); physical memory below 1 GiB is
 * reached at KERNEL_OFFSET + pa (compile the runtime with -DKEEL_PHYS_BASE=KERNEL_OFFSET).
 */
#ifndef KEEL_HANDOFF_H
#define KEEL_HANDOFF_H

#include <stdint.h>
#include "bootinfo.h"

#define HANDOFF_MAGIC        0x46464f484c45454bull   /* "KEELHOFF" in memory order */
#define HANDOFF_VERSION      2

/* Word indexes. */
#define HANDOFF_W_MAGIC        0
#define HANDOFF_W_VERSION      1
#define HANDOFF_W_IMAGE_START  2    /* physical extent of the kernel image, bss included */
#define HANDOFF_W_IMAGE_END    3
#define HANDOFF_W_TSC_ENTRY    4    /* TSC at _start and at kmain */
#define HANDOFF_W_TSC_KMAIN    5
#define HANDOFF_W_CMDLINE      6    /* physical address of the NUL-terminated command line */
#define HANDOFF_W_CMDLINE_LEN  7
#define HANDOFF_W_REGION_COUNT 8
#define HANDOFF_W_REGIONS      9    /* region i: words 9 + 3i (base), + 1 (length), + 2 (type, MEM_*) */
#define HANDOFF_REGION_WORDS   3
/* After the BOOTINFO_MAX_REGIONS region slots: the boot modules (the user programs' ELF files,
 * bootinfo.h), which the usable regions above no longer include. */
#define HANDOFF_W_MODULE_COUNT (HANDOFF_W_REGIONS + HANDOFF_REGION_WORDS * BOOTINFO_MAX_REGIONS)
#define HANDOFF_W_MODULES      (HANDOFF_W_MODULE_COUNT + 1)   /* module i: words + 4i: image base, length, name base, name length */
#define HANDOFF_MODULE_WORDS   4
#define HANDOFF_MAX_MODULES    BOOTINFO_MAX_MODULES

struct handoff {
    uint64_t word[HANDOFF_W_MODULES + HANDOFF_MODULE_WORDS * HANDOFF_MAX_MODULES];
};

void handoff_build(struct handoff *h, const struct bootinfo *bi, uint64_t tsc_entry, uint64_t tsc_kmain);

/* The translated kernel's entry; NULL when none is linked. */
extern void keel_java_main(int64_t handoff_phys) __attribute__((weak, noreturn));

#endif
