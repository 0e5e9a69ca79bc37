package dev.keel.boot.x86;

import dev.keel.hw.Timer;
import dev.keel.hw.x86.Ports;

/**
 * The 8254 PIT, channel 0, on IRQ 0. Periods are given in TSC cycles; the conversion assumes a
 * 1 GHz TSC, which is what QEMU's -icount shift=0 gives (one instruction per nanosecond).
 */
final class X86Timer implements Timer {

    private static final int CH0 = 0x40;
    private static final int CMD = 0x43;
    private static final int RATE_GENERATOR = 0x34;
    private static final int ONE_SHOT = 0x30;
    private static final long INPUT_HZ = 1193182;

    private long period;

    public void setPeriod(long cycles) {
        period = cycles < 0 ? 0 : cycles;
        if (period == 0) {
            Ports.outb(CMD, ONE_SHOT);
            Ports.outb(CH0, 0);
            Ports.outb(CH0, 0);
            return;
        }
        long divisor = period / 1000 * INPUT_HZ / 1000000;
        int d = (int) Math.max(1, Math.min(divisor, 65535));
        Ports.outb(CMD, RATE_GENERATOR);
        Ports.outb(CH0, d & 0xff);
        Ports.outb(CH0, d >> 8);
    }

    public long period() {
        return period;
    }
}
