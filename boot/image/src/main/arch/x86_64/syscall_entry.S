/*
 * syscall_entry.S - the target of LSTAR: where ring 3's `syscall` lands.
 *
 * Entry: CPL 0, CS/SS = kernel (STAR), RIP = here, RCX = user RIP, R11 = user RFLAGS, RFLAGS
 * masked by SFMASK (so interrupts are off), RSP and GS still the user's.
 * Builds a struct trap_frame on the per-CPU kernel stack (the same layout traps use, with
 * vector VEC_SYSCALL), calls syscall_dispatch(frame), and returns with sysretq using the
 * frame's RIP, RFLAGS and RSP, which syscall_dispatch may have changed.
 * Exit: CPL 3, RIP = frame RIP, RFLAGS = frame RFLAGS, RSP = frame RSP, user GS, every other
 * register from the frame (RAX is the result).
 *
 * sysretq to a non-canonical RIP would fault in ring 0 on the user stack; the frame RIP is the
 * address after a `syscall` the user executed, so it is canonical unless the kernel changes it.
 * An NMI between `syscall` and swapgs (or between swapgs and sysretq) arrives with a kernel CS
 * and the user's GS; trap_common then skips swapgs. Nothing on the trap path reads GS yet; once
 * something does, the NMI handler must decide by reading MSR_GS_BASE instead.
 */
#include "boot.h"

#define VEC_SYSCALL 0x100

.section .text
.code64
.globl syscall_entry
syscall_entry:
    swapgs
    mov     %rsp, %gs:PERCPU_USER_RSP
    mov     %gs:PERCPU_KERNEL_RSP, %rsp
    pushq   $(GDT_USER_DATA | RPL_USER)     /* ss */
    pushq   %gs:PERCPU_USER_RSP             /* rsp */
    pushq   %r11                            /* rflags */
    pushq   $(GDT_USER_CODE | RPL_USER)     /* cs */
    pushq   %rcx                            /* rip */
    pushq   $0                              /* error */
    pushq   $VEC_SYSCALL                    /* vector */
    pushq   %rax
    pushq   %rbx
    pushq   %rcx
    pushq   %rdx
    pushq   %rsi
    pushq   %rdi
    pushq   %rbp
    pushq   %r8
    pushq   %r9
    pushq   %r10
    pushq   %r11
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    mov     %rsp, %rdi
    call    syscall_dispatch
    test    %eax, %eax
    jnz     trap_return                     /* a whole frame to restore: iretq */
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %r11
    popq    %r10
    popq    %r9
    popq    %r8
    popq    %rbp
    popq    %rdi
    popq    %rsi
    popq    %rdx
    popq    %rcx
    popq    %rbx
    popq    %rax
    addq    $16, %rsp                       /* vector, error */
    mov     0(%rsp), %rcx                   /* rip */
    mov     16(%rsp), %r11                  /* rflags */
    mov     24(%rsp), %rsp                  /* user rsp: nothing may touch the stack after this */
    swapgs
    sysretq

/*
 * enter_user(rip [RDI], rsp [RSI]) - first entry into ring 3.
 * Entry: CPL 0, kernel GS. Exit: CPL 3 at RIP with RSP, interrupts on, user GS, all other
 * general registers zero so nothing of the kernel leaks. Does not return.
 */
.globl enter_user
enter_user:
    cli
    pushq   $(GDT_USER_DATA | RPL_USER)     /* ss */
    pushq   %rsi                            /* rsp */
    pushq   $(RFLAGS_IF | 0x2)              /* rflags: bit 1 is reserved-one */
    pushq   $(GDT_USER_CODE | RPL_USER)     /* cs */
    pushq   %rdi                            /* rip */
    xor     %eax, %eax
    xor     %ebx, %ebx
    xor     %ecx, %ecx
    xor     %edx, %edx
    xor     %esi, %esi
    xor     %edi, %edi
    xor     %ebp, %ebp
    xor     %r8d, %r8d
    xor     %r9d, %r9d
    xor     %r10d, %r10d
    xor     %r11d, %r11d
    xor     %r12d, %r12d
    xor     %r13d, %r13d
    xor     %r14d, %r14d
    xor     %r15d, %r15d
    swapgs
    iretq
