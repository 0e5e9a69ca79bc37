/*
 * serial.c - polled COM1 transmitter, the kernel's early console.
 *
 * The UART was programmed by serial_init32 in head.S (the boot failure messages need it before
 * C runs), so this file only transmits, and echoes what it receives. "\n" goes out as "\r\n"
 * for terminals. Nothing consumes the input yet: the echo shows the console is alive.
 */
#include "serial.h"
#include "boot.h"
#include "cpu.h"

#define COM2_PORT      0x2F8               /* the kernel's trace line (keel.trace) */
#define UART_DATA      0
#define UART_IER       1
#define UART_FCR       2
#define UART_LCR       3
#define UART_MCR       4
#define UART_LSR       5
#define LCR_DLAB       0x80
#define LCR_8N1        0x03
#define FCR_ON_CLEAR   0xC7                /* FIFOs on and cleared, 14-byte trigger */
#define MCR_DTR_RTS    0x03
#define DIVISOR_115200 1
#define IER_RX_READY   0x01
#define LSR_RX_READY   0x01
#define LSR_THR_EMPTY  0x20

static void uart_tx(char c)
{
    while ((inb(COM1_PORT + UART_LSR) & LSR_THR_EMPTY) == 0)
        ;
    outb(COM1_PORT + UART_DATA, (uint8_t)c);
}

void serial_putc(char c)
{
    if (c == '\n')
        uart_tx('\r');
    uart_tx(c);
}

void serial_write(const char *s)
{
    while (*s)
        serial_putc(*s++);
}

void serial_enable_rx_interrupt(void)
{
    outb(COM1_PORT + UART_IER, IER_RX_READY);
}

/* IRQ 4: drain the receive FIFO, echoing each byte; a terminal's Enter (\r) becomes a newline. */
void serial_rx_interrupt(void)
{
    while (inb(COM1_PORT + UART_LSR) & LSR_RX_READY) {
        char c = (char)inb(COM1_PORT + UART_DATA);
        serial_putc(c == '\r' ? '\n' : c);
    }
}

/* COM2 as COM1 (115200 8N1, FIFOs on, interrupts off): the line the kernel writes its trace to. */
void serial2_init(void)
{
    outb(COM2_PORT + UART_IER, 0);
    outb(COM2_PORT + UART_LCR, LCR_DLAB);
    outb(COM2_PORT + UART_DATA, DIVISOR_115200);
    outb(COM2_PORT + UART_IER, 0);
    outb(COM2_PORT + UART_LCR, LCR_8N1);
    outb(COM2_PORT + UART_FCR, FCR_ON_CLEAR);
    outb(COM2_PORT + UART_MCR, MCR_DTR_RTS);
}
