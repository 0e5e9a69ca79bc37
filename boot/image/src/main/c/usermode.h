/*
 * usermode.h - running one small program in ring 3 (a first step towards user processes).
 *
 * usermode_run copies a position-independent program into a user code page, maps it at
 * USER_CODE_VA with a one-page stack below USER_STACK_TOP, enters ring 3 with iretq and waits
 * until the program calls SYS_EXIT or takes an exception, which kills it. Either way control
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
    int killed;           /* 1: ended by an exception, vector says which */
    uint64_t vector;
    int64_t status;       /* SYS_EXIT argument when not killed */
};

struct user_result usermode_run(const uint8_t *code, size_t len);
__attribute__((noreturn)) void usermode_exit(int64_t status);
__attribute__((noreturn)) void usermode_fault(struct trap_frame *tf);

#endif
