package dev.keel.boot.x86;

import dev.keel.hw.InterruptController;
import dev.keel.hw.x86.Ports;

/** The two 8259 PICs (the boot path remapped them to vectors 32-47). One CPU: no IPIs. */
final class X86InterruptController implements InterruptController {

    private static final int PIC1_CMD = 0x20;
    private static final int PIC1_DATA = 0x21;
    private static final int PIC2_CMD = 0xa0;
    private static final int PIC2_DATA = 0xa1;
    private static final int EOI = 0x20;
    private static final int CASCADE = 2;

    public int lineCount() {
        return 16;
    }

    private static int dataPort(int line) {
        return line < 8 ? PIC1_DATA : PIC2_DATA;
    }

    public void mask(int line) {
        if (line >= 0 && line < 16 && line != CASCADE) {
            int p = dataPort(line);
            Ports.outb(p, Ports.inb(p) | 1 << (line & 7));
        }
    }

    public void unmask(int line) {
        if (line >= 0 && line < 16) {
            int p = dataPort(line);
            Ports.outb(p, Ports.inb(p) & ~(1 << (line & 7)));
        }
    }

    public boolean isMasked(int line) {
        return line >= 0 && line < 16 && (Ports.inb(dataPort(line)) & 1 << (line & 7)) != 0;
    }

    public void endOfInterrupt(int line) {
        if (line >= 8) {
            Ports.outb(PIC2_CMD, EOI);
        }
        Ports.outb(PIC1_CMD, EOI);
    }

    public void sendIpi(int cpu) {
        // One CPU: the caller is the CPU it names, and it reschedules on its way out anyway.
    }
}
