/*
 * glue_entry.S - resume_frame(struct trap_frame *tf [RDI]): leaves the kernel into the context
 * in *tf, through the common trap exit (trap_return in trap_entry.S). The frame is copied to the
 * top of the per-CPU kernel stack, where traps from ring 3 build theirs; whatever ran on the
 * current stack is abandoned. Does not return.
 */
#include "boot.h"

#define FRAME_BYTES (22 * 8)

.section .text
.code64
.globl resume_frame
resume_frame:
    cli
    mov     %gs:PERCPU_KERNEL_RSP, %rsp
    sub     $FRAME_BYTES, %rsp
    mov     %rdi, %rsi
    mov     %rsp, %rdi
    mov     $22, %ecx
    cld
    rep movsq
    jmp     trap_return
