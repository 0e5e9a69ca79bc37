/*
 * syscall.c - syscall MSR setup and the dispatch table.
 *
 * STAR holds two selector bases: syscall loads CS = STAR[47:32] and SS = that + 8 (kernel code,
 * kernel data); sysretq loads CS = STAR[63:48] + 16 and SS = STAR[63:48] + 8, both with RPL 3
 * (user code, user data), which is why the GDT puts user data right before user code.
 */
#include <stdint.h>
#include "syscall.h"
#include "boot.h"
#include "cpu.h"
#include "serial.h"
#include "usermode.h"
#include "glue.h"

extern char syscall_entry[];   /* syscall_entry.S */

#define STAR_SYSCALL_BASE  ((uint64_t)GDT_KERNEL_CODE << 32)
#define STAR_SYSRET_BASE   ((uint64_t)(GDT_USER_DATA - 8) << 48)

void syscall_init(void)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, STAR_SYSCALL_BASE | STAR_SYSRET_BASE);
    wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)syscall_entry);
    /* The kernel starts every syscall with interrupts off, single-stepping off, string ops
     * upwards and alignment checks off, whatever user space had in RFLAGS. */
    wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC | RFLAGS_NT);
}

int syscall_dispatch(struct trap_frame *tf)
{
    if (kernel_glue_active && glue_syscall)
        return glue_syscall(tf);
    switch (tf->rax) {
    case SYS_EXIT:
        usermode_exit((int64_t)tf->rdi);        /* does not return */
    case SYS_PUTC:
        serial_putc((char)tf->rdi);
        tf->rax = 0;
        break;
    case SYS_NULL:
        tf->rax = 0;
        break;
    default:
        tf->rax = (uint64_t)SYSCALL_ENOSYS;
        break;
    }
    return 0;
}
