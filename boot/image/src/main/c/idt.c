/*
 * idt.c - the interrupt descriptor table: vectors 0-47 go to the stubs in trap_entry.S.
 *
 * All gates are interrupt gates (interrupts stay off in the handler) with DPL 0, so ring 3 cannot
 * raise any of them with `int n`. The double fault and NMI gates switch to their IST stacks.
 */
#include <stddef.h>
#include <stdint.h>
#include "trap.h"
#include "gdt.h"
#include "boot.h"

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;              /* bits 0-2: IST index, 0 = no stack switch unless from ring 3 */
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

_Static_assert(sizeof(struct idt_gate) == 16, "long-mode gates are 16 bytes");
_Static_assert(offsetof(struct trap_frame, cs) == 0x90, "FRAME_CS in trap_entry.S");

#define GATE_PRESENT        0x80
#define GATE_INTERRUPT_64   0x0E

#define IDT_ENTRIES 256

extern const uint64_t trap_stubs[VEC_STUBS];   /* trap_entry.S */

static struct idt_gate idt[IDT_ENTRIES] __attribute__((aligned(16)));

static void set_gate(int vector, uint64_t handler, uint8_t ist)
{
    idt[vector] = (struct idt_gate){
        .offset_low = handler & 0xffff,
        .selector = GDT_KERNEL_CODE,
        .ist = ist,
        .type_attr = GATE_PRESENT | GATE_INTERRUPT_64,
        .offset_mid = (handler >> 16) & 0xffff,
        .offset_high = handler >> 32,
    };
}

void idt_init(void)
{
    for (int v = 0; v < VEC_STUBS; v++)
        set_gate(v, trap_stubs[v], 0);
    idt[VEC_DOUBLE_FAULT].ist = IST_DOUBLE_FAULT;
    idt[VEC_NMI].ist = IST_NMI;
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) ptr = { sizeof idt - 1, (uint64_t)(uintptr_t)idt };
    __asm__ volatile("lidt %0" : : "m"(ptr));
}
