/*
 * machine.h - ending the run: the isa-debug-exit values the boot tests check, and panic.
 *
 * Writing v to DEBUG_EXIT_PORT makes QEMU exit with status (v << 1) | 1. On a machine without
 * that device the write does nothing and the CPU halts with interrupts off.
 */
#ifndef KEEL_MACHINE_H
#define KEEL_MACHINE_H

#include <stdint.h>

#define EXIT_OK          0x10   /* a self-test ran to its end and passed */
#define EXIT_TEST_FAILED 0x11   /* a self-test found a wrong result (it printed which) */
#define EXIT_BAD_CMDLINE 0x12   /* keel.test= named no known self-test */
#define EXIT_KERNEL_PANIC 0x3e  /* the translated kernel panicked (dev.keel.kernel.Panic) */
#define EXIT_PANIC       0x3f   /* panic() outside an exception handler */
#define EXIT_TRAP_BASE    0x40   /* unhandled exception v ends the run with EXIT_TRAP_BASE + v */

__attribute__((noreturn)) void machine_exit(uint8_t value);
/* Prints "panic: why", the registers where it was called and a frame-pointer backtrace, then
 * ends the run with EXIT_PANIC. */
__attribute__((noreturn)) void panic(const char *why);
/* The backtrace alone: return addresses up the RBP chain from frame pointer rbp. */
void backtrace(uint64_t rbp);

#endif
