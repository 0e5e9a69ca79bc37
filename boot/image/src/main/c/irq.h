/*
 * irq.h - the legacy interrupt controllers and the timer.
 *
 * The two 8259 PICs are remapped to vectors 32-47, away from the CPU's exceptions, and every
 * line is masked except those unmasked on purpose. The 8254 PIT's channel 0 drives IRQ 0 at
 * PIT_HZ; each tick increments cpu0.ticks. COM1's receive interrupt is IRQ 4.
 */
#ifndef KEEL_IRQ_H
#define KEEL_IRQ_H

#include <stdint.h>
#include "trap.h"

#define IRQ_TIMER  0
#define IRQ_COM1   4
#define PIT_HZ     100

void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);
int pic_is_spurious(int irq);
void pit_init(unsigned hz);
void irq_dispatch(struct trap_frame *tf);

#endif
