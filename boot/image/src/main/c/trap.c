/*
 * trap.c - where every vector lands (called from trap_common in trap_entry.S).
 *
 * Hardware interrupts go to irq_dispatch. An exception in ring 3 kills the user program
 * (usermode.c). An exception in the kernel is fatal: it prints the register dump and ends the
 * run with EXIT_TRAP_BASE + vector.
 */
#include <stddef.h>
#include "trap.h"
#include "irq.h"
#include "cpu.h"
#include "kprintf.h"
#include "machine.h"
#include "boot.h"
#include "usermode.h"
#include "glue.h"

static const char *const exception_names[VEC_EXCEPTIONS] = {
    [0] = "#DE divide error",        [1] = "#DB debug",
    [2] = "NMI",                     [3] = "#BP breakpoint",
    [4] = "#OF overflow",            [5] = "#BR bound range",
    [6] = "#UD invalid opcode",      [7] = "#NM device not available",
    [8] = "#DF double fault",        [10] = "#TS invalid TSS",
    [11] = "#NP segment not present", [12] = "#SS stack fault",
    [13] = "#GP general protection", [14] = "#PF page fault",
    [16] = "#MF x87 error",          [17] = "#AC alignment check",
    [18] = "#MC machine check",      [19] = "#XM SIMD error",
    [20] = "#VE virtualisation",     [21] = "#CP control protection",
};

static const char *exception_name(uint64_t v)
{
    const char *n = v < VEC_EXCEPTIONS ? exception_names[v] : NULL;
    return n ? n : "reserved exception";
}

void trap_dump(const struct trap_frame *tf)
{
    kprintf("trap: %s (vector %u, error 0x%lx) in ring %u\n", exception_name(tf->vector),
            (unsigned)tf->vector, tf->error, (unsigned)(tf->cs & 3));
    frame_dump(tf);
}

void frame_dump(const struct trap_frame *tf)
{
    kprintf("  RIP %p  CS  0x%04lx  RFLAGS %p\n", (void *)tf->rip, tf->cs, (void *)tf->rflags);
    kprintf("  RSP %p  SS  0x%04lx\n", (void *)tf->rsp, tf->ss);
    kprintf("  RAX %p  RBX %p  RCX %p\n", (void *)tf->rax, (void *)tf->rbx, (void *)tf->rcx);
    kprintf("  RDX %p  RSI %p  RDI %p\n", (void *)tf->rdx, (void *)tf->rsi, (void *)tf->rdi);
    kprintf("  RBP %p  R8  %p  R9  %p\n", (void *)tf->rbp, (void *)tf->r8, (void *)tf->r9);
    kprintf("  R10 %p  R11 %p  R12 %p\n", (void *)tf->r10, (void *)tf->r11, (void *)tf->r12);
    kprintf("  R13 %p  R14 %p  R15 %p\n", (void *)tf->r13, (void *)tf->r14, (void *)tf->r15);
    kprintf("  CR0 %p  CR2 %p  CR3 %p  CR4 %p\n", (void *)read_cr0(), (void *)read_cr2(),
            (void *)read_cr3(), (void *)read_cr4());
}

void trap(struct trap_frame *tf)
{
    if (tf->vector >= VEC_IRQ_BASE) {
        irq_dispatch(tf);
        return;
    }
    if ((tf->cs & 3) == RPL_USER && kernel_glue_active && glue_fault) {
        glue_fault(tf);
        return;
    }
    if ((tf->cs & 3) == RPL_USER)
        usermode_fault(tf);
    trap_dump(tf);
    if ((tf->cs & 3) != RPL_USER)
        backtrace(tf->rbp);
    kprintf("panic: unhandled %s in ring %u\n", exception_name(tf->vector), (unsigned)(tf->cs & 3));
    machine_exit(EXIT_TRAP_BASE + tf->vector);
}
