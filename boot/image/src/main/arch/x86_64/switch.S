/*
 * switch.S - context_switch(struct context *save [RDI], const struct context *load [RSI]).
 *
 * Entry: any CPL-0 state, interrupts preferably off. Saves all 16 general registers, RFLAGS,
 * the return address as RIP and RSP as it will be after the return.
 * Exit: in the context *load: every general register and RFLAGS from *load, RSP = load->rsp,
 * continuing at load->rip. The 16 bytes just below load->rsp are used to carry RIP and RFLAGS
 * across the last register loads; they are free stack in any saved context (no red zone).
 */
#define CTX_RAX     0
#define CTX_RBX     8
#define CTX_RCX     16
#define CTX_RDX     24
#define CTX_RSI     32
#define CTX_RDI     40
#define CTX_RBP     48
#define CTX_RSP     56
#define CTX_R8      64
#define CTX_R9      72
#define CTX_R10     80
#define CTX_R11     88
#define CTX_R12     96
#define CTX_R13     104
#define CTX_R14     112
#define CTX_R15     120
#define CTX_RIP     128
#define CTX_RFLAGS  136

.section .text
.code64
.globl context_switch
context_switch:
    /* save: RAX first, so it is free as a scratch register afterwards */
    mov     %rax, CTX_RAX(%rdi)
    mov     %rbx, CTX_RBX(%rdi)
    mov     %rcx, CTX_RCX(%rdi)
    mov     %rdx, CTX_RDX(%rdi)
    mov     %rsi, CTX_RSI(%rdi)
    mov     %rdi, CTX_RDI(%rdi)
    mov     %rbp, CTX_RBP(%rdi)
    mov     %r8,  CTX_R8(%rdi)
    mov     %r9,  CTX_R9(%rdi)
    mov     %r10, CTX_R10(%rdi)
    mov     %r11, CTX_R11(%rdi)
    mov     %r12, CTX_R12(%rdi)
    mov     %r13, CTX_R13(%rdi)
    mov     %r14, CTX_R14(%rdi)
    mov     %r15, CTX_R15(%rdi)
    mov     (%rsp), %rax                    /* our return address */
    mov     %rax, CTX_RIP(%rdi)
    lea     8(%rsp), %rax                   /* RSP after that return */
    mov     %rax, CTX_RSP(%rdi)
    pushfq
    popq    CTX_RFLAGS(%rdi)

    /* load: switch stacks, park RIP and RFLAGS on the new stack, RSI (the pointer) last */
    mov     CTX_RSP(%rsi), %rsp
    pushq   CTX_RIP(%rsi)
    pushq   CTX_RFLAGS(%rsi)
    mov     CTX_RAX(%rsi), %rax
    mov     CTX_RBX(%rsi), %rbx
    mov     CTX_RCX(%rsi), %rcx
    mov     CTX_RDX(%rsi), %rdx
    mov     CTX_RDI(%rsi), %rdi
    mov     CTX_RBP(%rsi), %rbp
    mov     CTX_R8(%rsi),  %r8
    mov     CTX_R9(%rsi),  %r9
    mov     CTX_R10(%rsi), %r10
    mov     CTX_R11(%rsi), %r11
    mov     CTX_R12(%rsi), %r12
    mov     CTX_R13(%rsi), %r13
    mov     CTX_R14(%rsi), %r14
    mov     CTX_R15(%rsi), %r15
    mov     CTX_RSI(%rsi), %rsi
    popfq
    ret
