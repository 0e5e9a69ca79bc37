/*
 * trap.h - the register frame every interrupt, exception and syscall builds on the stack.
 *
 * Layout (lowest address first) is fixed by trap_entry.S and syscall_entry.S: the 15 general
 * registers that trap_common pushes, the vector and error code that the vector stub pushes
 * (0 when the CPU pushes none), then the frame the CPU pushes for iretq.
 */
#ifndef KEEL_TRAP_H
#define KEEL_TRAP_H

#include <stdint.h>

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Exception vectors handled by name. */
#define VEC_DIVIDE        0
#define VEC_DEBUG         1
#define VEC_NMI           2
#define VEC_BREAKPOINT    3
#define VEC_INVALID_OP    6
#define VEC_DOUBLE_FAULT  8
#define VEC_GP            13
#define VEC_PAGE_FAULT    14

/* Page-fault error code bits. */
#define PF_ERR_PRESENT    (1u << 0)   /* a protection violation, not a missing page */
#define PF_ERR_WRITE      (1u << 1)
#define PF_ERR_USER       (1u << 2)
#define PF_ERR_FETCH      (1u << 4)   /* an instruction fetch (reported with EFER.NXE set) */
#define VEC_EXCEPTIONS    32      /* 0-31 are the CPU's */
#define VEC_IRQ_BASE      32      /* the PICs are remapped to 32-47 */
#define VEC_IRQ_COUNT     16
#define VEC_STUBS         (VEC_IRQ_BASE + VEC_IRQ_COUNT)

void idt_init(void);
void trap(struct trap_frame *tf);
void trap_dump(const struct trap_frame *tf);    /* the exception's name, then frame_dump */
void frame_dump(const struct trap_frame *tf);   /* every register of the frame, and CR0-CR4 */

#endif
