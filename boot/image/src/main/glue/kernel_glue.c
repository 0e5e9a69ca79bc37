/*
 * kernel_glue.c - the trap glue between the x86-64 entry paths and the translated Java kernel
 * (dev.keel.boot.x86.KernelMain, exported as keel_k_*). Compiled only when the kernel is linked.
 *
 * Every way into the kernel from ring 3 (syscall, timer, device interrupt, page fault, other
 * exception) first saves the user thread's whole register frame in its slot of `saved`, indexed
 * by the kernel's thread number, then calls the kernel with the user RIP and RSP, which the
 * kernel keeps as Tcb.pc and Tcb.sp. When the kernel returns, glue_resume asks which thread is
 * current and fills the trap frame on the kernel stack for it:
 *   - the same thread, same process, same pc and sp as saved: its saved frame, and, if it had
 *     entered by syscall, its result registers r0..r3 in RAX, RDX, RSI, RDI (a syscall-saved
 *     frame has RCX = RIP and R11 = RFLAGS, so it may leave by sysret);
 *   - otherwise the kernel started or redirected it (a new process, a new thread, exec): a clean
 *     frame at pc and sp with r0..r3 in RDI, RSI, RDX, RCX (the SysV argument registers), every
 *     other register zero;
 *   - no thread (only the idle thread is left): sti; hlt until an interrupt makes one runnable;
 *   - a panicked kernel: the registers of the entry that panicked are printed and the run ends
 *     (EXIT_KERNEL_PANIC).
 * The kernel runs with interrupts off from entry to return; they are on only in ring 3 and in
 * that idle wait, so a kernel entry never nests inside another.
 */
#include <stddef.h>
#include <stdint.h>
#include "boot.h"
#include "cpu.h"
#include "glue.h"
#include "handoff.h"
#include "irq.h"
#include "kprintf.h"
#include "machine.h"
#include "paging.h"
#include "percpu.h"
#include "syscall.h"
#include "trap.h"
#include "glue_intrinsics.h"

/* The translated kernel (dev.keel.boot.x86.KernelMain). */
int32_t keel_k_boot(int64_t handoff_phys);
void keel_k_syscall(int64_t n, int64_t a0, int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5,
                    int64_t pc, int64_t sp);
void keel_k_timer(uint8_t from_user, int64_t pc, int64_t sp);
void keel_k_interrupt(int32_t line, uint8_t from_user, int64_t pc, int64_t sp);
void keel_k_page_fault(int64_t va, uint8_t write, uint8_t fetch, int64_t pc, int64_t sp);
void keel_k_fault(int32_t vector, int64_t pc, int64_t sp);
int32_t keel_k_next(int64_t block_phys);
int32_t keel_k_thread_count(void);
size_t keel_heap_used(void);

void resume_frame(struct trap_frame *tf) __attribute__((noreturn));   /* glue_entry.S */

#define MAX_THREADS 64
#define HOW_NONE    0
#define HOW_SYSCALL 1
#define HOW_TRAP    2

struct saved_thread {
    struct trap_frame frame;
    int32_t pid;
    uint8_t how;
};

static struct saved_thread saved[MAX_THREADS];
static int32_t running = -1;          /* thread whose registers are in ring 3 now, or -1 */
static volatile int idling;           /* 1 while glue_resume waits in sti; hlt */
static struct trap_frame first_frame;
extern uint64_t boot_tsc_entry;   /* head.S: TSC at _start */

#define NEXT_PANICKED (-2)   /* KernelMain.next: the kernel has panicked */

/* The kernel panicked (it printed why) in the entry that came with frame tf. */
static void stop_panicked(const struct trap_frame *tf)
{
    kprintf("kernel: panicked, stopping; registers at the kernel entry:\n");
    frame_dump(tf);
    machine_exit(EXIT_KERNEL_PANIC);
}

/* Saves the frame of the thread that was running in ring 3. */
static void save(const struct trap_frame *tf, uint8_t how)
{
    if (running < 0 || running >= MAX_THREADS)
        panic("glue: entry from ring 3 with no running thread");
    saved[running].frame = *tf;
    saved[running].how = how;
}

/* What KernelMain.next writes about the thread to run (its NEXT_* words). */
struct next_thread {
    int64_t pid, pc, sp, r[4];
};
static struct next_thread next;

static void fresh_frame(struct trap_frame *tf)
{
    *tf = (struct trap_frame){ 0 };
    tf->rip = (uint64_t)next.pc;
    tf->rsp = (uint64_t)next.sp;
    tf->cs = GDT_USER_CODE | RPL_USER;
    tf->ss = GDT_USER_DATA | RPL_USER;
    tf->rflags = RFLAGS_IF | 0x2;
    tf->rdi = (uint64_t)next.r[0];
    tf->rsi = (uint64_t)next.r[1];
    tf->rdx = (uint64_t)next.r[2];
    tf->rcx = (uint64_t)next.r[3];
}

/* Fills *tf for the thread the kernel made current; returns 1 when it must leave by iretq. */
int glue_resume(struct trap_frame *tf)
{
    int32_t id;
    while ((id = keel_k_next((int64_t)virt_to_phys(&next))) < 0) {
        if (id == NEXT_PANICKED)
            stop_panicked(tf);
        running = -1;
        idling = 1;
        sti_hlt();
        cli();
        idling = 0;
    }
    if (id >= MAX_THREADS)
        panic("glue: thread number beyond the glue's table");
    struct saved_thread *s = &saved[id];
    int iret = 1;
    if (s->how != HOW_NONE && s->pid == next.pid && s->frame.rip == (uint64_t)next.pc
            && s->frame.rsp == (uint64_t)next.sp) {
        *tf = s->frame;
        if (s->how == HOW_SYSCALL) {
            tf->rax = (uint64_t)next.r[0];
            tf->rdx = (uint64_t)next.r[1];
            tf->rsi = (uint64_t)next.r[2];
            tf->rdi = (uint64_t)next.r[3];
            iret = 0;
        }
    } else {
        fresh_frame(tf);
    }
    s->how = HOW_NONE;
    s->pid = (int32_t)next.pid;
    running = id;
    return iret;
}

int glue_syscall(struct trap_frame *tf)
{
    save(tf, HOW_SYSCALL);
    keel_k_syscall((int64_t)tf->rax, (int64_t)tf->rdi, (int64_t)tf->rsi, (int64_t)tf->rdx,
                   (int64_t)tf->r10, (int64_t)tf->r8, (int64_t)tf->r9, (int64_t)tf->rip, (int64_t)tf->rsp);
    return glue_resume(tf);
}

void glue_irq(struct trap_frame *tf, int irq)
{
    int from_user = (tf->cs & 3) == RPL_USER;
    if (from_user)
        save(tf, HOW_TRAP);
    else if (!idling)
        panic("glue: interrupt inside the kernel");
    if (irq == IRQ_TIMER) {
        cpu0.ticks++;
        pic_eoi(irq);
        keel_k_timer((uint8_t)from_user, (int64_t)tf->rip, (int64_t)tf->rsp);
    } else {
        keel_k_interrupt(irq, (uint8_t)from_user, (int64_t)tf->rip, (int64_t)tf->rsp);
    }
    if (from_user)
        glue_resume(tf);
    /* From the idle wait: back into it; glue_resume looks at the kernel's choice again. */
}

void glue_fault(struct trap_frame *tf)
{
    save(tf, HOW_TRAP);
    if (tf->vector == VEC_PAGE_FAULT)
        keel_k_page_fault((int64_t)read_cr2(), (uint8_t)((tf->error & PF_ERR_WRITE) != 0),
                          (uint8_t)((tf->error & PF_ERR_FETCH) != 0), (int64_t)tf->rip, (int64_t)tf->rsp);
    else
        keel_k_fault((int32_t)tf->vector, (int64_t)tf->rip, (int64_t)tf->rsp);
    glue_resume(tf);
}

/*
 * The intrinsic Cpu.stackFault (keel.fault=df, KernelMain): loads an unmapped kernel stack
 * pointer and pushes. The #PF cannot be delivered on that stack, so the CPU raises #DF, whose
 * gate switches to the IST1 stack; trap() prints the dump and ends the run.
 */
void keel_x86_stack_fault(void)
{
    __asm__ volatile("movq %0, %%rsp\n\tpushq $0" : : "r"(KERNEL_BAD_STACK) : "memory");
    __builtin_unreachable();
}

void keel_java_main(int64_t handoff_phys)
{
    kernel_glue_active = 1;
    uint64_t t0 = rdtsc();
    int32_t r = keel_k_boot(handoff_phys);
    if (r != 0) {
        kprintf("kernel: boot failed (%d)\n", r);
        machine_exit(EXIT_PANIC);
    }
    if (keel_k_thread_count() > MAX_THREADS)
        panic("glue: the kernel has more threads than the glue's table");
    kprintf("footprint: kernel pools %lu KiB allocated at boot, never again\n",
            (unsigned long)((keel_heap_used() + 1023) / 1024));
    glue_resume(&first_frame);
    uint64_t now = rdtsc();
    kprintf("boot: kernel startup %lu cycles; entering init %lu cycles after the loader's jump to _start\n",
            now - t0, now - boot_tsc_entry);
    resume_frame(&first_frame);
}

/*
 * Bulk physical memory copies for the translated kernel (glue_intrinsics.h). A range outside
 * the direct map or the array is a kernel bug, never user input (the kernel checks user
 * addresses and lengths first): panic rather than copy.
 */
static int phys_range_ok(int64_t pa, int64_t len)
{
    return pa >= 0 && len >= 0 && pa <= (int64_t)EARLY_MAP_SIZE - len;
}

static int array_range_ok(int32_t length, int32_t off, int32_t len)
{
    return off >= 0 && len >= 0 && off <= length - len;
}

/* Eight bytes per step, then the rest: the runtime's memcpy goes a byte at a time. */
static void copy_bytes(void *dst, const void *src, uint64_t n)
{
    uint64_t words = n / 8, rest = n % 8;
    __asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(rest) : : "memory");
}

void glue_phys_read(int64_t pa, int8_t *elems, int32_t length, int32_t off, int32_t len)
{
    if (!phys_range_ok(pa, len) || !array_range_ok(length, off, len))
        panic("PhysicalMemory.read: range outside memory or array");
    copy_bytes(elems + off, phys_to_virt((uint64_t)pa), (uint64_t)len);
}

void glue_phys_write(int64_t pa, const int8_t *elems, int32_t length, int32_t off, int32_t len)
{
    if (!phys_range_ok(pa, len) || !array_range_ok(length, off, len))
        panic("PhysicalMemory.write: range outside memory or array");
    copy_bytes(phys_to_virt((uint64_t)pa), elems + off, (uint64_t)len);
}

void glue_phys_copy(int64_t to, int64_t from, int64_t len)
{
    if (!phys_range_ok(to, len) || !phys_range_ok(from, len))
        panic("PhysicalMemory.copy: range outside memory");
    copy_bytes(phys_to_virt((uint64_t)to), phys_to_virt((uint64_t)from), (uint64_t)len);
}
