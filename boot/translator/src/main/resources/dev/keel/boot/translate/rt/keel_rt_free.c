/*
 * The freestanding platform: the kernel image. The console is COM1 (polled); a panic disables
 * interrupts and halts for good. The default heap is a .bss region of KEEL_BOOT_HEAP_SIZE bytes,
 * used until the boot code hands over a region of its own with keel_heap_init.
 */
#include "keel_rt.h"

#ifndef KEEL_BOOT_HEAP_SIZE
#define KEEL_BOOT_HEAP_SIZE (4u << 20)
#endif
#define COM1 0x3f8

static char boot_heap[KEEL_BOOT_HEAP_SIZE] __attribute__((aligned(16)));

void keel_platform_default_heap(void);
void keel_platform_halt(int code) __attribute__((noreturn));

void keel_platform_default_heap(void) {
    keel_heap_init(boot_heap, sizeof boot_heap);
}

void keel_platform_halt(int code) {
    (void)code;
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}

void keel_console_write(const char *bytes, size_t n) {
    for (size_t i = 0; i < n; i++) {
        while ((keel_x86_inb(COM1 + 5) & 0x20) == 0) {
            keel_x86_pause();
        }
        keel_x86_outb(COM1, (uint8_t)bytes[i]);
    }
}

/* gcc may emit calls to these even in freestanding code. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memset(void *d, int c, size_t n) {
    volatile unsigned char *p = d;
    while (n--) *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n) {
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) *p++ = *q++;
    return d;
}

void *memmove(void *d, const void *s, size_t n) {
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    if (p < q) {
        while (n--) *p++ = *q++;
    } else {
        while (n--) p[n] = q[n];
    }
    return d;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *p = a;
    const unsigned char *q = b;
    for (; n; n--, p++, q++) {
        if (*p != *q) return *p - *q;
    }
    return 0;
}
