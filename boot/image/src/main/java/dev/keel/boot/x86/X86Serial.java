package dev.keel.boot.x86;

import dev.keel.hw.Serial;
import dev.keel.hw.x86.Cpu;
import dev.keel.hw.x86.Ports;

/** COM1, polled; the boot path has programmed it (115200 8N1, FIFOs on). */
final class X86Serial implements Serial {

    private static final int COM1 = 0x3f8;
    private static final int LSR = COM1 + 5;
    private static final int LSR_DATA_READY = 0x01;
    private static final int LSR_THR_EMPTY = 0x20;

    public void write(int b) {
        while ((Ports.inb(LSR) & LSR_THR_EMPTY) == 0) {
            Cpu.pause();
        }
        Ports.outb(COM1, b & 0xff);
    }

    public int read() {
        if ((Ports.inb(LSR) & LSR_DATA_READY) == 0) {
            return -1;
        }
        return Ports.inb(COM1);
    }
}
