/*
 * percpu.h - state private to one CPU, reached through GS in the kernel.
 *
 * The syscall entry path reads the first two fields by offset (PERCPU_* in boot.h); keep them
 * first and in this order. There is one CPU today: cpu0.
 */
#ifndef KEEL_PERCPU_H
#define KEEL_PERCPU_H

#include <stdint.h>
#include "boot.h"

struct percpu {
    uint64_t kernel_rsp;   /* PERCPU_KERNEL_RSP: stack top for syscalls from ring 3 */
    uint64_t user_rsp;     /* PERCPU_USER_RSP: ring-3 RSP saved by syscall_entry */
    uint64_t ticks;        /* timer interrupts taken on this CPU */
};

_Static_assert(__builtin_offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "percpu layout");

extern struct percpu cpu0;

#endif
