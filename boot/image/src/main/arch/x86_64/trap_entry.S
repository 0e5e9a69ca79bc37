/*
 * trap_entry.S - the first instructions of every interrupt and exception (vectors 0-47).
 *
 * Entry (from the CPU through an IDT gate): interrupts off (interrupt gates), RSP on the kernel
 * stack (same stack from ring 0, TSS.RSP0 from ring 3, TSS.IST[n] if the gate names one), and
 * the CPU has pushed SS, RSP, RFLAGS, CS, RIP and, for some vectors, an error code.
 * Each stub makes the frame uniform (a 0 error code where the CPU pushes none, then the vector)
 * and jumps to trap_common, which saves the general registers, calls trap(struct trap_frame *)
 * and undoes it all with iretq. swapgs keeps GS pointing at the per-CPU area while in the
 * kernel; it runs only when the trap came from ring 3.
 *
 * Stack alignment: the CPU aligns RSP to 16 before its 5 pushes (40 bytes); error code + vector
 * (16) + 15 registers (120) make 176, a multiple of 16, so RSP is aligned at `call trap`.
 */
#include "boot.h"

#define FRAME_CS 0x90       /* offsetof(struct trap_frame, cs): 15 regs, vector, error, rip */

.macro VECTOR_NOERR n
vector_\n:
    pushq   $0
    pushq   $\n
    jmp     trap_common
.endm

.macro STUB_ADDR n
    .quad vector_\n
.endm

.macro VECTOR_ERR n
vector_\n:
    pushq   $\n
    jmp     trap_common
.endm

.section .text
.code64

/* The CPU pushes an error code for vectors 8, 10-14, 17, 21, 29, 30. */
VECTOR_NOERR 0
VECTOR_NOERR 1
VECTOR_NOERR 2
VECTOR_NOERR 3
VECTOR_NOERR 4
VECTOR_NOERR 5
VECTOR_NOERR 6
VECTOR_NOERR 7
VECTOR_ERR   8
VECTOR_NOERR 9
VECTOR_ERR   10
VECTOR_ERR   11
VECTOR_ERR   12
VECTOR_ERR   13
VECTOR_ERR   14
VECTOR_NOERR 15
VECTOR_NOERR 16
VECTOR_ERR   17
VECTOR_NOERR 18
VECTOR_NOERR 19
VECTOR_NOERR 20
VECTOR_ERR   21
VECTOR_NOERR 22
VECTOR_NOERR 23
VECTOR_NOERR 24
VECTOR_NOERR 25
VECTOR_NOERR 26
VECTOR_NOERR 27
VECTOR_NOERR 28
VECTOR_ERR   29
VECTOR_ERR   30
VECTOR_NOERR 31
.altmacro
.set i, 32
.rept 16
    VECTOR_NOERR %i
    .set i, i + 1
.endr
.noaltmacro

trap_common:
    testb   $RPL_USER, FRAME_CS - 15 * 8(%rsp)
    jz      1f
    swapgs
1:  pushq   %rax
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
    cld
    call    trap
.globl trap_return
trap_return:
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
    testb   $RPL_USER, FRAME_CS - 15 * 8(%rsp)
    jz      2f
    swapgs
2:  addq    $16, %rsp                       /* vector and error code */
    iretq

/* trap_stubs: the entry address of each vector, for idt.c. */
.section .rodata
.balign 8
.globl trap_stubs
trap_stubs:
.altmacro
.set i, 0
.rept 48
    STUB_ADDR %i
    .set i, i + 1
.endr
.noaltmacro
