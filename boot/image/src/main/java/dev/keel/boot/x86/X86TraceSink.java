package dev.keel.boot.x86;

import dev.keel.hw.TraceSink;
import dev.keel.hw.x86.Cpu;
import dev.keel.hw.x86.Ports;

/**
 * COM2, polled: the kernel's trace line, apart from the console on COM1. The boot path has
 * programmed it (serial2_init in src/main/c/serial.c). On only when the kernel command line holds
 * the word {@code keel.trace}.
 */
final class X86TraceSink implements TraceSink {

    private static final int COM2 = 0x2f8;
    private static final int LSR = COM2 + 5;
    private static final int LSR_THR_EMPTY = 0x20;

    private final boolean on;

    X86TraceSink(boolean on) {
        this.on = on;
    }

    public boolean enabled() {
        return on;
    }

    public void write(int b) {
        while ((Ports.inb(LSR) & LSR_THR_EMPTY) == 0) {
            Cpu.pause();
        }
        Ports.outb(COM2, b & 0xff);
    }
}
