/*
 * syscall.h - the syscall instruction's entry into the kernel.
 *
 * ABI (ring 3): RAX = number, RDI, RSI, RDX = arguments, result in RAX; RCX and R11 are
 * destroyed (the CPU puts the return RIP and RFLAGS there), every other register is preserved.
 * An unknown number returns SYSCALL_ENOSYS.
 */
#ifndef KEEL_SYSCALL_H
#define KEEL_SYSCALL_H

#include "trap.h"

#define SYS_EXIT   0     /* exit(status): ends the calling user task */
#define SYS_PUTC   1     /* putc(c): one byte to the console */
#define SYS_NULL   2     /* null(): returns 0; for measuring the round trip */

#define SYSCALL_ENOSYS  (-1)
#define VEC_SYSCALL     0x100   /* trap_frame.vector for frames built by syscall_entry */

void syscall_init(void);
/* Returns 0 to leave by sysret, 1 when the frame must be restored whole by iretq (it belongs to
 * a thread that entered the kernel some other way, or is new). */
int syscall_dispatch(struct trap_frame *tf);

#endif
