/* irq.c - what happens on each hardware interrupt (vectors 32-47). */
#include "irq.h"
#include "percpu.h"
#include "serial.h"
#include "usermode.h"
#include "glue.h"

void irq_dispatch(struct trap_frame *tf)
{
    int irq = (int)(tf->vector - VEC_IRQ_BASE);
    if (pic_is_spurious(irq))
        return;
    if (kernel_glue_active && glue_irq) {
        glue_irq(tf, irq);
        return;
    }
    if (irq == IRQ_TIMER)
        cpu0.ticks++;
    else if (irq == IRQ_COM1)
        serial_rx_interrupt();
    pic_eoi(irq);
    if (irq == IRQ_TIMER && (tf->cs & 3) == RPL_USER)
        usermode_tick(tf);
}
