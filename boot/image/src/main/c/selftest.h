/*
 * selftest.h - boot-time self-tests, chosen with "keel.test=NAME" on the kernel command line.
 *
 * Each test prints what it checks and ends the QEMU run through isa-debug-exit, so the boot
 * tests in src/test/java assert both the serial log and the exit status. Without keel.test the
 * kernel boots to its idle loop, which is what a person sees with boot/image/run.
 *
 *   exit    exit EXIT_OK right after boot
 *   ud      execute ud2                          -> dump, EXIT_TRAP_BASE + 6
 *   gp      load from a non-canonical address    -> dump, EXIT_TRAP_BASE + 13
 *   pf      load from an unmapped address        -> dump with CR2, EXIT_TRAP_BASE + 14
 *   df      page fault with an unusable stack    -> dump on the IST1 stack, EXIT_TRAP_BASE + 8
 *   timer   wait for SELFTEST_TICKS timer interrupts -> EXIT_OK
 *   switch  ping-pong two contexts, checking every register -> EXIT_OK or EXIT_TEST_FAILED
 *   user    ring-3 programs: syscalls + exit, a #GP that kills, a syscall benchmark, and a
 *           spinning loop that only the timer interrupt can preempt
 *   panic   call panic() two calls down          -> registers and backtrace, EXIT_PANIC
 */
#ifndef KEEL_SELFTEST_H
#define KEEL_SELFTEST_H

#define SELFTEST_TICKS  10
#define PF_PROBE_ADDR   0x00000000deadb000ull   /* below KERNEL_OFFSET: unmapped once identity is dropped */
#define GP_PROBE_ADDR   0x8000000000000000ull   /* non-canonical */
#define DF_BAD_STACK    0x00000000dead0000ull   /* unmapped: the #PF cannot push its frame */

/* selftest_run: runs the test named by keel.test in cmdline, if any; returns only when none. */
void selftest_run(const char *cmdline);

#endif
