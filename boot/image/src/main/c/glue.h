/*
 * glue.h - hooks into the translated kernel's trap glue (src/main/glue/kernel_glue.c).
 *
 * The glue is linked only with the translated kernel; these symbols are weak so the image also
 * links without it (self-tests, the handoff probe). kernel_glue_active is set once the kernel
 * owns ring 3: from then on syscalls, interrupts and user exceptions go to the glue.
 */
#ifndef KEEL_GLUE_H
#define KEEL_GLUE_H

#include "trap.h"

extern int kernel_glue_active;

int glue_syscall(struct trap_frame *tf) __attribute__((weak));
void glue_irq(struct trap_frame *tf, int irq) __attribute__((weak));
void glue_fault(struct trap_frame *tf) __attribute__((weak));

#endif
