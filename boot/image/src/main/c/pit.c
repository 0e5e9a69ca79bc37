/* pit.c - 8254 channel 0 as the periodic timer on IRQ 0 (see irq.h). */
#include "irq.h"
#include "cpu.h"

#define PIT_CH0          0x40
#define PIT_CMD          0x43
#define PIT_INPUT_HZ     1193182
#define PIT_CH0_RATE_GEN 0x34     /* channel 0, low then high byte, mode 2, binary */

void pit_init(unsigned hz)
{
    unsigned divisor = PIT_INPUT_HZ / hz;
    outb(PIT_CMD, PIT_CH0_RATE_GEN);
    outb(PIT_CH0, divisor & 0xff);
    outb(PIT_CH0, (divisor >> 8) & 0xff);
}
