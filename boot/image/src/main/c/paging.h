/*
 * paging.h - the early page tables of head.S, seen from C.
 *
 * head.S maps physical [0, EARLY_MAP_SIZE) twice: at 0 (so the 32-bit code could turn paging on)
 * and at KERNEL_OFFSET. Once the kernel runs only at high addresses, paging_drop_identity
 * removes the low alias so that address 0 and the whole lower half fault, as user space needs.
 */
#ifndef KEEL_PAGING_H
#define KEEL_PAGING_H

#include <stdint.h>
#include "boot.h"

void paging_drop_identity(void);

static inline void *phys_to_virt(uint64_t p) { return (void *)(uintptr_t)(p + KERNEL_OFFSET); }

/* virt_to_phys: only for addresses inside the kernel image (linked at KERNEL_OFFSET + phys). */
static inline uint64_t virt_to_phys(const void *v) { return (uint64_t)(uintptr_t)v - KERNEL_OFFSET; }

#endif
