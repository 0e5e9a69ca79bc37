/*
 * keel_rt_user.c - the platform part of the translator's runtime for ring-3 programs, in place
 * of keel_rt_free.c: system calls, a .bss heap, the console through the I/O port capability in
 * slot 1, and a panic that exits the process.
 *
 * System call ABI (the kernel's trap glue, boot/image/src/main/glue/kernel_glue.c): RAX = number,
 * RDI, RSI, RDX, R10, R8, R9 = a0..a5; on return RAX = r0, RDX = r1, RSI = r2, RDI = r3; RCX and
 * R11 are destroyed, every other register is preserved.
 */
#include "keel_user.h"

#ifndef KEEL_USER_HEAP_SIZE
#define KEEL_USER_HEAP_SIZE (64u << 10)
#endif
#define SYS_EXIT          3
#define SYS_IOPORT_WRITE  33
#define CONSOLE_SLOT      1
#define COM1              0x3f8
#define PANIC_STATUS      134

static char user_heap[KEEL_USER_HEAP_SIZE] __attribute__((aligned(16)));
static jlong results[4];

void keel_x86_ud2(void)
{
    __asm__ volatile("ud2");
    __builtin_unreachable();
}

/* Cpu.call: an indirect call to any address (crash nx calls into its stack). */
void keel_x86_call(jlong address)
{
    ((void (*)(void))(uintptr_t)address)();
}

void keel_platform_default_heap(void);
void keel_platform_halt(int code) __attribute__((noreturn));

jlong keel_x86_syscall(jint n, jlong a0, jlong a1, jlong a2, jlong a3, jlong a4, jlong a5)
{
    register jlong r10 __asm__("r10") = a3;
    register jlong r8 __asm__("r8") = a4;
    register jlong r9 __asm__("r9") = a5;
    jlong r0, r1, r2, r3;
    __asm__ volatile("syscall"
                     : "=a"(r0), "=d"(r1), "=S"(r2), "=D"(r3), "+r"(r10), "+r"(r8), "+r"(r9)
                     : "a"((jlong)n), "D"(a0), "S"(a1), "d"(a2)
                     : "rcx", "r11", "memory");
    results[0] = r0;
    results[1] = r1;
    results[2] = r2;
    results[3] = r3;
    return r0;
}

jlong keel_x86_syscall_result(jint i)
{
    return i >= 0 && i < 4 ? results[i] : 0;
}

void keel_platform_default_heap(void)
{
    keel_heap_init(user_heap, sizeof user_heap);
}

void keel_platform_halt(int code)
{
    (void)code;
    for (;;)
        keel_x86_syscall(SYS_EXIT, PANIC_STATUS, 0, 0, 0, 0, 0);
}

void keel_console_write(const char *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++)
        keel_x86_syscall(SYS_IOPORT_WRITE, CONSOLE_SLOT, COM1, (uint8_t)bytes[i], 0, 0, 0);
}

/* gcc may emit calls to these even in freestanding code. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memset(void *d, int c, size_t n)
{
    volatile unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    if (p < q) {
        while (n--)
            *p++ = *q++;
    } else {
        while (n--)
            p[n] = q[n];
    }
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}
