/* machine.c - isa-debug-exit and panic (see machine.h). */
#include "machine.h"
#include "boot.h"
#include "cpu.h"
#include "kprintf.h"
#include "glue.h"

int kernel_glue_active;

void machine_exit(uint8_t value)
{
    cli();
    outb(DEBUG_EXIT_PORT, value);
    for (;;)
        hlt();
}

#define BACKTRACE_DEPTH 8

/* The kernel is built with frame pointers: [rbp] is the caller's rbp, [rbp + 8] the return
 * address. The walk stops at the first frame outside the kernel's mapping or not aligned, so
 * a corrupted chain ends it rather than faulting again. */
void backtrace(uint64_t rbp)
{
    kprintf("  backtrace:");
    for (int i = 0; i < BACKTRACE_DEPTH && rbp >= KERNEL_OFFSET && rbp % 8 == 0
             && rbp - KERNEL_OFFSET < EARLY_MAP_SIZE - 16; i++) {
        const uint64_t *frame = (const uint64_t *)(uintptr_t)rbp;
        kprintf(" %p", (void *)frame[1]);
        if (frame[0] <= rbp)
            break;                  /* stacks grow down: callers' frames lie above */
        rbp = frame[0];
    }
    kprintf("\n");
}

void panic(const char *why)
{
    uint64_t rsp, rbp;
    __asm__ volatile("movq %%rsp, %0\n\tmovq %%rbp, %1" : "=r"(rsp), "=r"(rbp));
    kprintf("panic: %s\n", why);
    kprintf("  called from %p  RSP %p  RBP %p\n", __builtin_return_address(0), (void *)rsp, (void *)rbp);
    kprintf("  CR0 %p  CR2 %p  CR3 %p  CR4 %p\n", (void *)read_cr0(), (void *)read_cr2(),
            (void *)read_cr3(), (void *)read_cr4());
    backtrace(rbp);
    machine_exit(EXIT_PANIC);
}
