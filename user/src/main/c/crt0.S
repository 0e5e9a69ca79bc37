/*
 * crt0.S - where a user program starts: the ELF entry point, first in its text at 0x400000.
 * Entry (a fresh thread, from the kernel): RSP = top of the stack below the args and env,
 * RDI, RSI, RDX, RCX = args pointer, args length, env pointer, env length. Calls the program's
 * main(long, long, long, long) and exits with its result.
 */
#define SYS_EXIT 3

.section .text.start, "ax"
.code64
.globl _start
_start:
    and     $-16, %rsp
    xor     %ebp, %ebp
    call    keel_user_main
    mov     %rax, %rdi
    mov     $SYS_EXIT, %eax
    syscall
    ud2
