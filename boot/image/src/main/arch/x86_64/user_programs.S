/*
 * user_programs.S - the ring-3 programs of the "user" self-test.
 *
 * Position-independent, each between <name> and <name>_end; usermode_run copies one into the
 * user code page at USER_CODE_VA and starts it with RSP = USER_STACK_TOP and all other
 * registers zero. They live in .rodata: the kernel never executes them in place.
 * Syscall ABI: syscall.h.
 */
#define SYS_EXIT 0
#define SYS_PUTC 1
#define SYS_NULL 2
#define BENCH_CALLS 1000

.section .rodata
.code64

/* user_hello: prints a line through SYS_PUTC, then exits with status 42. */
.globl user_hello, user_hello_end
user_hello:
    lea     1f(%rip), %rbx
2:  movzbl  (%rbx), %edi
    test    %edi, %edi
    jz      3f
    mov     $SYS_PUTC, %eax
    syscall
    inc     %rbx
    jmp     2b
3:  mov     $SYS_EXIT, %eax
    mov     $42, %edi
    syscall
    ud2
1:  .asciz "user: hello from ring 3\n"
user_hello_end:

/* user_cli: a privileged instruction in ring 3: #GP, and the kernel kills the program. */
.globl user_cli, user_cli_end
user_cli:
    cli
    mov     $SYS_EXIT, %eax
    xor     %edi, %edi
    syscall
user_cli_end:

/* user_bench: BENCH_CALLS null syscalls between two rdtsc; exits with the cycles they took. */
.globl user_bench, user_bench_end
user_bench:
    rdtsc
    shl     $32, %rdx
    or      %rax, %rdx
    mov     %rdx, %r12
    mov     $BENCH_CALLS, %ebx
1:  mov     $SYS_NULL, %eax
    syscall
    dec     %ebx
    jnz     1b
    rdtsc
    shl     $32, %rdx
    or      %rax, %rdx
    sub     %r12, %rdx
    mov     %rdx, %rdi
    mov     $SYS_EXIT, %eax
    syscall
user_bench_end:

/* user_spin: counts forever in the word below its initial RSP; never makes a syscall. */
.globl user_spin, user_spin_end
user_spin:
1:  incq    -8(%rsp)
    jmp     1b
user_spin_end:
