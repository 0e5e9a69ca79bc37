package dev.keel.boot.x86;

import dev.keel.hw.IoPorts;
import dev.keel.hw.x86.Ports;

/** in/out on behalf of processes holding an I/O port capability. */
final class X86IoPorts implements IoPorts {
    public int in8(int port) {
        return Ports.inb(port & 0xffff);
    }

    public void out8(int port, int value) {
        Ports.outb(port & 0xffff, value & 0xff);
    }
}
