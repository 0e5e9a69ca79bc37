/*
 * usermode.h - running one small program in ring 3 (a first step towards user processes).
 *
 * usermode_run copies a position-independent program into a user code page, maps it at
 * USER_CODE_VA with a one-page stack below USER_STACK_TOP, enters ring 3 with iretq and waits
 * until the program calls SYS_EXIT, takes an exception (which kills it), or has been interrupted
 * by tick_limit timer ticks (which preempts it for good; 0 means no limit). Either way control
 * comes back here through context_switch, and the mapping is removed again. One program at a
 * time; no scheduling yet.
 */
#ifndef KEEL_USERMODE_H
#define KEEL_USERMODE_H

#include <stddef.h>
#include <stdint.h>
#include "trap.h"

#define USER_CODE_VA    0x400000ull
#define USER_STACK_TOP  0x402000ull

struct user_result {
    int killed;           /* 1: ended by an exception or the tick limit; vector says which */
    uint64_t vector;      /* the exception, or VEC_IRQ_BASE + IRQ_TIMER */
    int64_t status;       /* SYS_EXIT argument when not killed */
    uint64_t stack_top_word;   /* the word below USER_STACK_TOP when it ended (test programs count there) */
};

struct user_result usermode_run(const uint8_t *code, size_t len, uint64_t tick_limit);
void usermode_tick(struct trap_frame *tf);
__attribute__((noreturn)) void usermode_exit(int64_t status);
__attribute__((noreturn)) void usermode_fault(struct trap_frame *tf);

#endif
