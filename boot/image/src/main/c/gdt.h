/*
 * gdt.h - the final GDT and the TSS.
 *
 * gdt_init replaces head.S's boot GDT with one at a high address that also has the user
 * segments (for sysret and iretq to ring 3) and the TSS. The TSS gives the CPU its stacks:
 * RSP0 for interrupts and exceptions taken in ring 3, IST1 for double faults and IST2 for NMIs,
 * so those two run on a known-good stack even when the current one is broken.
 */
#ifndef KEEL_GDT_H
#define KEEL_GDT_H

#include <stdint.h>

#define IST_DOUBLE_FAULT 1
#define IST_NMI          2

void gdt_init(void);
uint64_t tss_rsp0(void);

#endif
