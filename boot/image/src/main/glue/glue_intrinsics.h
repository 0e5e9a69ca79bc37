/*
 * glue_intrinsics.h - intrinsics of the translated kernel that the trap glue implements
 * (kernel_glue.c); the Makefile includes this into the translator's output (-include).
 */
#ifndef KEEL_GLUE_INTRINSICS_H
#define KEEL_GLUE_INTRINSICS_H

/* dev.keel.hw.x86.Cpu.stackFault(): a double fault on purpose, for the boot tests. */
void keel_x86_stack_fault(void) __attribute__((noreturn));

/* An unmapped address in the kernel's half: as a stack pointer, the next push faults. */
#define KERNEL_BAD_STACK 0xffffffff00dead00ull

#endif
