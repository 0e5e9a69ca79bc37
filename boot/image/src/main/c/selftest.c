/* selftest.c - boot-time self-tests (see selftest.h). */
#include <stdint.h>
#include "selftest.h"
#include "context.h"
#include "cpu.h"
#include "irq.h"
#include "kprintf.h"
#include "machine.h"
#include "percpu.h"
#include "usermode.h"

#define SWITCH_ROUNDS   4
#define TEST_STACK_SIZE 8192
#define TIMER_WAIT_LIMIT (PIT_HZ * 10)   /* halts before giving up on the timer (10 s) */

/* ---- exceptions ---- */

static void test_ud(void)
{
    kprintf("selftest: executing ud2\n");
    __asm__ volatile("ud2");
}

static void test_gp(void)
{
    uint64_t v;
    kprintf("selftest: loading from non-canonical %p\n", (void *)GP_PROBE_ADDR);
    __asm__ volatile("movq (%1), %0" : "=r"(v) : "r"(GP_PROBE_ADDR) : "memory");
}

static void test_pf(void)
{
    uint64_t v;
    kprintf("selftest: loading from unmapped %p\n", (void *)PF_PROBE_ADDR);
    __asm__ volatile("movq (%1), %0" : "=r"(v) : "r"(PF_PROBE_ADDR) : "memory");
}

/* The #PF from the push cannot be delivered on the same broken stack: the CPU raises #DF,
 * whose gate switches to the IST1 stack. */
static void test_df(void)
{
    kprintf("selftest: pushing onto unmapped stack %p\n", (void *)DF_BAD_STACK);
    __asm__ volatile("movq %0, %%rsp\n\tpushq $0" : : "r"(DF_BAD_STACK) : "memory");
}

/* ---- timer ---- */

static void test_timer(void)
{
    uint64_t start_ticks = cpu0.ticks, t0 = rdtsc();
    kprintf("selftest: waiting for %d timer ticks at %d Hz\n", SELFTEST_TICKS, PIT_HZ);
    for (int halts = 0; cpu0.ticks - start_ticks < SELFTEST_TICKS; halts++) {
        if (halts == TIMER_WAIT_LIMIT) {
            kprintf("selftest: FAIL timer: %lu ticks after %d halts\n", cpu0.ticks - start_ticks, halts);
            machine_exit(EXIT_TEST_FAILED);
        }
        sti_hlt();
        cli();
    }
    kprintf("selftest: timer ok: %lu ticks in %lu cycles\n", cpu0.ticks - start_ticks, rdtsc() - t0);
    machine_exit(EXIT_OK);
}

/* ---- context switch ---- */

struct probe_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
};

int ctx_probe(struct context *save, const struct context *load, uint64_t seed);   /* switch_probe.S */

static struct context main_ctx, peer_ctx;
static uint8_t peer_stack[TEST_STACK_SIZE] __attribute__((aligned(16)));
static int probe_failures;

static int check_reg(const char *name, uint64_t got, uint64_t want)
{
    if (got == want)
        return 0;
    kprintf("selftest: FAIL switch: %s is %p, expected %p\n", name, (void *)got, (void *)want);
    return 1;
}

/* Called from ctx_probe after the switch back: every register must hold what the probe put there. */
int ctx_probe_check(const struct probe_regs *r, uint64_t seed, uint64_t save, uint64_t load)
{
    return check_reg("RAX", r->rax, seed + 1) + check_reg("RBX", r->rbx, seed + 2)
         + check_reg("RCX", r->rcx, seed + 3) + check_reg("RDX", r->rdx, seed + 4)
         + check_reg("RBP", r->rbp, seed + 5) + check_reg("R8", r->r8, seed + 6)
         + check_reg("R9", r->r9, seed + 7) + check_reg("R10", r->r10, seed + 8)
         + check_reg("R11", r->r11, seed + 9) + check_reg("R12", r->r12, seed + 10)
         + check_reg("R13", r->r13, seed + 11) + check_reg("R14", r->r14, seed + 12)
         + check_reg("R15", r->r15, seed + 13) + check_reg("RDI", r->rdi, save)
         + check_reg("RSI", r->rsi, load);
}

static void peer_main(void)
{
    for (int i = 0; i < SWITCH_ROUNDS; i++) {
        int bad = ctx_probe(&peer_ctx, &main_ctx, 0xbbbb000000000000ull + ((uint64_t)i << 8));
        probe_failures += bad;      /* read the counter only after the switch back */
    }
    context_switch(&peer_ctx, &main_ctx);
    panic("switch self-test: peer resumed after the end");
}

/* main and peer alternate through ctx_probe; each probe is checked when the other side switches
 * back, so the last switch to the peer lets its final probe finish. */
static void test_switch(void)
{
    kprintf("selftest: %d context switch round trips, all registers checked\n", SWITCH_ROUNDS);
    context_init(&peer_ctx, peer_stack + sizeof peer_stack, peer_main);
    uint64_t t0 = rdtsc();
    for (int i = 0; i < SWITCH_ROUNDS; i++) {
        int bad = ctx_probe(&main_ctx, &peer_ctx, 0xaaaa000000000000ull + ((uint64_t)i << 8));
        probe_failures += bad;
    }
    context_switch(&main_ctx, &peer_ctx);
    uint64_t cycles = rdtsc() - t0;
    if (probe_failures) {
        kprintf("selftest: FAIL switch: %d registers changed across a switch\n", probe_failures);
        machine_exit(EXIT_TEST_FAILED);
    }
    kprintf("selftest: switch ok: %d switches, %lu cycles each\n", 2 * SWITCH_ROUNDS + 2,
            cycles / (2 * SWITCH_ROUNDS + 2));
    machine_exit(EXIT_OK);
}

/* ---- ring 3 ---- */

#define BENCH_CALLS 1000     /* as in user_programs.S */

extern const uint8_t user_hello[], user_hello_end[], user_cli[], user_cli_end[];
extern const uint8_t user_bench[], user_bench_end[], user_spin[], user_spin_end[];   /* user_programs.S */

#define SPIN_TICKS 2

static struct user_result run_user(const char *name, const uint8_t *start, const uint8_t *end, uint64_t ticks)
{
    kprintf("selftest: running %s in ring 3\n", name);
    return usermode_run(start, (size_t)(end - start), ticks);
}

static void test_user(void)
{
    int failed = 0;
    struct user_result r = run_user("user_hello", user_hello, user_hello_end, 0);
    if (r.killed || r.status != 42) {
        kprintf("selftest: FAIL user_hello: killed %d, status %ld\n", r.killed, r.status);
        failed = 1;
    }
    r = run_user("user_cli", user_cli, user_cli_end, 0);
    if (!r.killed || r.vector != 13) {
        kprintf("selftest: FAIL user_cli: killed %d, vector %lu\n", r.killed, r.vector);
        failed = 1;
    }
    r = run_user("user_bench", user_bench, user_bench_end, 0);
    if (r.killed) {
        kprintf("selftest: FAIL user_bench killed\n");
        failed = 1;
    } else {
        kprintf("selftest: syscall round trip %ld cycles (%d null syscalls from ring 3)\n",
                r.status / BENCH_CALLS, BENCH_CALLS);
    }
    /* user_spin never yields: only the timer interrupt (unmasked by kmain) can take the CPU back. */
    r = run_user("user_spin", user_spin, user_spin_end, SPIN_TICKS);
    if (!r.killed || r.vector != VEC_IRQ_BASE + IRQ_TIMER || r.stack_top_word == 0) {
        kprintf("selftest: FAIL user_spin: killed %d, vector %lu\n", r.killed, r.vector);
        failed = 1;
    } else {
        kprintf("selftest: user_spin preempted after %d ticks, %lu loop iterations\n", SPIN_TICKS,
                r.stack_top_word);
    }
    if (failed)
        machine_exit(EXIT_TEST_FAILED);
    kprintf("selftest: user ok\n");
    machine_exit(EXIT_OK);
}

/* ---- selection ---- */

struct selftest {
    const char *name;
    void (*run)(void);
};

static void test_exit(void)
{
    kprintf("selftest: exit\n");
    machine_exit(EXIT_OK);
}

/* Nested calls, so that the backtrace has frames to show. */
static __attribute__((noinline)) void panic_inner(void)
{
    panic("self-test panic");
}

static __attribute__((noinline)) void panic_outer(void)
{
    panic_inner();
    __asm__ volatile("" : : : "memory");   /* no tail call: keep the frame */
}

static void test_panic(void)
{
    kprintf("selftest: calling panic two calls down\n");
    panic_outer();
}

static const struct selftest tests[] = {
    { "exit", test_exit }, { "ud", test_ud }, { "gp", test_gp }, { "pf", test_pf },
    { "df", test_df }, { "timer", test_timer }, { "switch", test_switch },
    { "user", test_user }, { "panic", test_panic },
};

/* word_value: the value of "key=" in a space-separated cmdline, copied into out (cap bytes). */
static int word_value(const char *cmdline, const char *key, char *out, int cap)
{
    for (const char *p = cmdline; *p; p++) {
        if (p != cmdline && p[-1] != ' ')
            continue;
        const char *k = key, *q = p;
        while (*k && *q == *k)
            k++, q++;
        if (*k)
            continue;
        int n = 0;
        while (*q && *q != ' ' && n + 1 < cap)
            out[n++] = *q++;
        out[n] = '\0';
        return 1;
    }
    return 0;
}

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

void selftest_run(const char *cmdline)
{
    char name[16];
    if (!word_value(cmdline, "keel.test=", name, sizeof name))
        return;
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (streq(name, tests[i].name)) {
            tests[i].run();
            panic("self-test returned");
        }
    }
    kprintf("selftest: unknown keel.test=%s\n", name);
    machine_exit(EXIT_BAD_CMDLINE);
}
