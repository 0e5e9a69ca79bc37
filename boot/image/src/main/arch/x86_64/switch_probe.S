/*
 * switch_probe.S - ctx_probe(save [RDI], load [RSI], seed [RDX]) for the context-switch self-test.
 *
 * Fills every general register but RSP with a value derived from seed (RDI and RSI keep the
 * two context pointers), calls context_switch(save, load), and when some other context
 * switches back, hands a snapshot of all registers to ctx_probe_check(snapshot, seed, save,
 * load) in selftest.c. Returns its result: the number of registers that came back changed.
 * Callee-saved registers are preserved, so C can call this like any function.
 */
.section .text
.code64
.globl ctx_probe
ctx_probe:
    push    %rbx
    push    %rbp
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    push    %rdx                    /* seed  at 16(%rsp) */
    push    %rdi                    /* save  at 8(%rsp) */
    push    %rsi                    /* load  at 0(%rsp); RSP is now 16-byte aligned */
    lea     1(%rdx), %rax
    lea     2(%rdx), %rbx
    lea     3(%rdx), %rcx
    lea     5(%rdx), %rbp
    lea     6(%rdx), %r8
    lea     7(%rdx), %r9
    lea     8(%rdx), %r10
    lea     9(%rdx), %r11
    lea     10(%rdx), %r12
    lea     11(%rdx), %r13
    lea     12(%rdx), %r14
    lea     13(%rdx), %r15
    lea     4(%rdx), %rdx
    call    context_switch
    /* snapshot, lowest address first: rax rbx rcx rdx rsi rdi rbp r8 .. r15 */
    push    %r15
    push    %r14
    push    %r13
    push    %r12
    push    %r11
    push    %r10
    push    %r9
    push    %r8
    push    %rbp
    push    %rdi
    push    %rsi
    push    %rdx
    push    %rcx
    push    %rbx
    push    %rax
    mov     %rsp, %rdi
    mov     15*8 + 16(%rsp), %rsi   /* seed */
    mov     15*8 + 8(%rsp), %rdx    /* save */
    mov     15*8(%rsp), %rcx        /* load */
    sub     $8, %rsp                /* 15 pushes left RSP 8 off alignment */
    call    ctx_probe_check
    add     $8 + 15*8 + 3*8, %rsp
    pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %rbp
    pop     %rbx
    ret
