/* machine.c - isa-debug-exit and panic (see machine.h). */
#include "machine.h"
#include "boot.h"
#include "cpu.h"
#include "kprintf.h"
#include "glue.h"

int kernel_glue_active;

void machine_exit(uint8_t value)
{
    cli();
    outb(DEBUG_EXIT_PORT, value);
    for (;;)
        hlt();
}

void panic(const char *why)
{
    kprintf("panic: %s\n", why);
    machine_exit(EXIT_PANIC);
}
