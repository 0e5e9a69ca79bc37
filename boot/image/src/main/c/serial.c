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

#define UART_DATA      0
#define UART_IER       1
#define UART_LSR       5
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
