/*
 * glue_intrinsics.h - intrinsics of the translated kernel that the trap glue implements
 * (kernel_glue.c); the Makefile includes this into the translator's output (-include).
 */
#ifndef KEEL_GLUE_INTRINSICS_H
#define KEEL_GLUE_INTRINSICS_H

#include <stdint.h>

/* dev.keel.hw.x86.Cpu.stackFault(): a double fault on purpose, for the boot tests. */
void keel_x86_stack_fault(void) __attribute__((noreturn));

/* An unmapped address in the kernel's half: as a stack pointer, the next push faults. */
#define KERNEL_BAD_STACK 0xffffffff00dead00ull

/*
 * dev.keel.hw.x86.PhysicalMemory.read/write/copy: bulk copies through the direct map. The
 * translated call passes a byte[] (the runtime's kobj *); these macros expand where the
 * runtime's header is in scope and hand the glue the array's elements and length.
 */
void glue_phys_read(int64_t pa, int8_t *elems, int32_t length, int32_t off, int32_t len);
void glue_phys_write(int64_t pa, const int8_t *elems, int32_t length, int32_t off, int32_t len);
void glue_phys_copy(int64_t to, int64_t from, int64_t len);
#define keel_phys_read(pa, a, off, len) \
    glue_phys_read((pa), KEEL_ELEMS((a), int8_t), KEEL_LEN(a), (off), (len))
#define keel_phys_write(pa, a, off, len) \
    glue_phys_write((pa), KEEL_ELEMS((a), int8_t), KEEL_LEN(a), (off), (len))
#define keel_phys_copy(to, from, len) glue_phys_copy((to), (from), (len))

#endif
