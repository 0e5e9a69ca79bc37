/*
 * handoff_probe.c - stands where the translated kernel will be linked, to test that link point.
 *
 * Written as the translator's output is: it sees the boot path only through keel_java_main's
 * argument and physical-memory loads at KEEL_PHYS_BASE + pa, and talks to COM1 and
 * isa-debug-exit by port I/O. It prints what it read from the handoff and exits with 0x10
 * when the handoff is well formed, 0x11 when it is not.
 */
#include <stdint.h>

#ifndef KEEL_PHYS_BASE
#error "compile with -DKEEL_PHYS_BASE=<direct map base>"
#endif

#define WORD(pa, i) (*(volatile const uint64_t *)(uintptr_t)((pa) + 8 * (i) + (uint64_t)KEEL_PHYS_BASE))

static void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static void putc_com1(char c)
{
    while ((inb(0x3f8 + 5) & 0x20) == 0)
        ;
    outb(0x3f8, (uint8_t)c);
}

static void puts_com1(const char *s)
{
    while (*s)
        putc_com1(*s++);
}

static void putu(uint64_t v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        putc_com1(buf[--n]);
}

__attribute__((noreturn)) static void finish(uint8_t code)
{
    outb(0xf4, code);
    for (;;)
        __asm__ volatile("cli; hlt");
}

__attribute__((noreturn)) void keel_java_main(int64_t handoff_phys);

void keel_java_main(int64_t handoff_phys)
{
    uint64_t pa = (uint64_t)handoff_phys;
    if (WORD(pa, 0) != 0x46464f484c45454bull || WORD(pa, 1) != 2) {
        puts_com1("probe: bad handoff magic or version\n");
        finish(0x11);
    }
    uint64_t count = WORD(pa, 8), usable = 0;
    for (uint64_t i = 0; i < count; i++)
        if (WORD(pa, 9 + 3 * i + 2) == 1)
            usable += WORD(pa, 9 + 3 * i + 1);
    puts_com1("probe: handoff version 2, ");
    putu(count);
    puts_com1(" regions, ");
    putu(usable / 1024);
    puts_com1(" KiB usable, image ");
    putu((WORD(pa, 3) - WORD(pa, 2)) / 1024);
    puts_com1(" KiB, cmdline \"");
    uint64_t cmd = WORD(pa, 6), len = WORD(pa, 7);
    for (uint64_t i = 0; i < len; i++)
        putc_com1((char)*(volatile const uint8_t *)(uintptr_t)(cmd + i + (uint64_t)KEEL_PHYS_BASE));
    puts_com1("\"\n");
    finish(0x10);
}
