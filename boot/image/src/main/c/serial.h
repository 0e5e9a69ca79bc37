/* serial.h - COM1 output. head.S programs the UART (115200 8N1, FIFOs on) before any C runs. */
#ifndef KEEL_SERIAL_H
#define KEEL_SERIAL_H

void serial_putc(char c);
void serial_write(const char *s);

#endif
