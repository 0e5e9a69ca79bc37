/*
 * context.h - a saved CPU context and the switch between two of them.
 *
 * context_switch saves every general register, RSP, RIP and RFLAGS of the caller into *save
 * and resumes *load where it was saved (or at its entry, for a context made by context_init).
 * For the caller it looks like a function call that returns when someone switches back, with
 * every register (not only the callee-saved ones) as it was. Interrupts should be off, so no
 * handler sees a half-switched stack.
 */
#ifndef KEEL_CONTEXT_H
#define KEEL_CONTEXT_H

#include <stdint.h>

struct context {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
};

void context_switch(struct context *save, const struct context *load);

/* context_init: a context that starts entry() on the stack ending at stack_top (16-byte
 * aligned), with interrupts off. entry must never return. */
void context_init(struct context *c, void *stack_top, void (*entry)(void));

#endif
