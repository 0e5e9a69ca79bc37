/* pic.c - the two 8259A PICs in cascade (see irq.h). */
#include "irq.h"
#include "cpu.h"

#define PIC1_CMD   0x20
#define PIC1_DATA  0x21
#define PIC2_CMD   0xA0
#define PIC2_DATA  0xA1

#define ICW1_INIT_ICW4   0x11   /* edge triggered, cascade, ICW4 follows */
#define ICW3_MASTER_IR2  0x04   /* the slave hangs on master line 2 */
#define ICW3_SLAVE_ID    0x02
#define ICW4_8086        0x01
#define OCW2_EOI         0x20
#define OCW3_READ_ISR    0x0B
#define IRQ_CASCADE      2

/* Port 0x80 is unused; writing it takes about a microsecond, time the old PICs need between
 * initialisation words. */
static void io_wait(void)
{
    outb(0x80, 0);
}

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    io_wait();
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    io_wait();
    outb(PIC1_DATA, VEC_IRQ_BASE);
    io_wait();
    outb(PIC2_DATA, VEC_IRQ_BASE + 8);
    io_wait();
    outb(PIC1_DATA, ICW3_MASTER_IR2);
    io_wait();
    outb(PIC2_DATA, ICW3_SLAVE_ID);
    io_wait();
    outb(PIC1_DATA, ICW4_8086);
    io_wait();
    outb(PIC2_DATA, ICW4_8086);
    io_wait();
    outb(PIC1_DATA, 0xff & ~(1 << IRQ_CASCADE));
    outb(PIC2_DATA, 0xff);
}

void pic_unmask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) & ~(1 << (irq & 7)));
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, OCW2_EOI);
    outb(PIC1_CMD, OCW2_EOI);
}

/* A spurious IRQ 7 or 15 is raised without its in-service bit; it must not be acknowledged
 * (except that a spurious 15 still owes the master an EOI for the cascade line). */
int pic_is_spurious(int irq)
{
    if (irq != 7 && irq != 15)
        return 0;
    uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
    outb(cmd, OCW3_READ_ISR);
    if (inb(cmd) & 0x80)
        return 0;
    if (irq == 15)
        outb(PIC1_CMD, OCW2_EOI);
    return 1;
}
