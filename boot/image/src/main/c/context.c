/* context.c - building a fresh context (see context.h). */
#include "context.h"
#include "machine.h"

/* A context's entry must never return; if it does, it lands here. */
static void context_entry_returned(void)
{
    panic("context entry function returned");
}

void context_init(struct context *c, void *stack_top, void (*entry)(void))
{
    *c = (struct context){ 0 };
    /* As if entry had been called: its return address sits at RSP, and RSP + 8 is 16-byte
     * aligned, as the SysV ABI promises every function on entry. */
    uint64_t *sp = (uint64_t *)stack_top - 1;
    *sp = (uint64_t)(uintptr_t)context_entry_returned;
    c->rsp = (uint64_t)(uintptr_t)sp;
    c->rip = (uint64_t)(uintptr_t)entry;
    c->rflags = 0x2;                /* bit 1 is always set; IF clear */
}
