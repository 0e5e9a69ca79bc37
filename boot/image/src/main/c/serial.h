/*
 * serial.h - COM1: polled output, and input echoed from its interrupt (IRQ 4).
 * head.S programs the UART (115200 8N1, FIFOs on) before any C runs.
 */
#ifndef KEEL_SERIAL_H
#define KEEL_SERIAL_H

void serial_putc(char c);
void serial_write(const char *s);
void serial_enable_rx_interrupt(void);
void serial_rx_interrupt(void);
void serial2_init(void);

#endif
