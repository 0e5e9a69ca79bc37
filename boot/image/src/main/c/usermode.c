/* usermode.c - one program in ring 3 at a time (see usermode.h). */
#include "usermode.h"
#include "context.h"
#include "cpu.h"
#include "kprintf.h"
#include "machine.h"
#include "paging.h"
#include "percpu.h"

#define PAGE_SIZE 4096
#define PD_INDEX(va) (((va) >> 21) & 511)
#define PT_INDEX(va) (((va) >> 12) & 511)

extern uint64_t early_pml4[512];                                    /* head.S */
void enter_user(uint64_t rip, uint64_t rsp) __attribute__((noreturn)); /* syscall_entry.S */

/* The lower-half tables of the one address space, and the program's two pages. */
static uint64_t user_pdpt[512] __attribute__((aligned(PAGE_SIZE)));
static uint64_t user_pd[512] __attribute__((aligned(PAGE_SIZE)));
static uint64_t user_pt[512] __attribute__((aligned(PAGE_SIZE)));
static uint8_t user_code_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t user_stack_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static struct context kernel_ctx;     /* where usermode_run waits */
static struct context launch_ctx;     /* runs launch_user on the kernel stack */
static struct context dead_ctx;       /* what is left of the user side; never resumed */
static struct user_result result;
static uint64_t ticks_left;           /* timer ticks the program may still take; 0 = unlimited */
static int tick_limited;

/* Code read-only (a write to it faults), stack writable; both user-accessible. */
static void map_user(void)
{
    user_pt[PT_INDEX(USER_CODE_VA)] = virt_to_phys(user_code_page) | PTE_P | PTE_U;
    user_pt[PT_INDEX(USER_STACK_TOP - PAGE_SIZE)] = virt_to_phys(user_stack_page) | PTE_P | PTE_W | PTE_U;
    user_pd[PD_INDEX(USER_CODE_VA)] = virt_to_phys(user_pt) | PTE_P | PTE_W | PTE_U;
    user_pdpt[0] = virt_to_phys(user_pd) | PTE_P | PTE_W | PTE_U;
    early_pml4[0] = virt_to_phys(user_pdpt) | PTE_P | PTE_W | PTE_U;
    write_cr3(read_cr3());
}

static void unmap_user(void)
{
    early_pml4[0] = 0;
    write_cr3(read_cr3());
}

static void launch_user(void)
{
    enter_user(USER_CODE_VA, USER_STACK_TOP);
}

struct user_result usermode_run(const uint8_t *code, size_t len, uint64_t tick_limit)
{
    if (len > PAGE_SIZE)
        panic("user program larger than its code page");
    for (size_t i = 0; i < PAGE_SIZE; i++) {
        user_code_page[i] = i < len ? code[i] : 0;
        user_stack_page[i] = 0;
    }
    map_user();
    ticks_left = tick_limit;
    tick_limited = tick_limit != 0;
    /* launch_user starts on the empty kernel stack, the one traps and syscalls from ring 3 use;
     * once it has entered ring 3 nothing of it is needed. */
    context_init(&launch_ctx, (void *)(uintptr_t)cpu0.kernel_rsp, launch_user);
    context_switch(&kernel_ctx, &launch_ctx);
    result.stack_top_word = *(uint64_t *)(user_stack_page + PAGE_SIZE - 8);
    unmap_user();
    return result;
}

void usermode_exit(int64_t status)
{
    result = (struct user_result){ 0, 0, status, 0 };
    context_switch(&dead_ctx, &kernel_ctx);
    panic("exited user program resumed");
}

void usermode_fault(struct trap_frame *tf)
{
    trap_dump(tf);
    kprintf("user: program killed by vector %lu\n", tf->vector);
    result = (struct user_result){ 1, tf->vector, 0, 0 };
    context_switch(&dead_ctx, &kernel_ctx);
    panic("killed user program resumed");
}

/* A timer interrupt taken in ring 3 (the EOI is already sent): at the limit, the program is
 * preempted and not resumed. */
void usermode_tick(struct trap_frame *tf)
{
    if (!tick_limited || --ticks_left > 0)
        return;
    kprintf("user: program preempted by the timer at RIP %p\n", (void *)tf->rip);
    result = (struct user_result){ 1, tf->vector, 0, 0 };
    context_switch(&dead_ctx, &kernel_ctx);
    panic("preempted user program resumed");
}
