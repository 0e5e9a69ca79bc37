package dev.keel.hw.sim;

import dev.keel.hw.InterruptController;

/** A simulated interrupt controller: masks, end-of-interrupt counts and pending IPIs per CPU. */
public final class SimInterruptController implements InterruptController {

    private final boolean[] masked;
    private final boolean[] ipiPending;
    private long endOfInterrupts;

    public SimInterruptController(int lines, int cpus) {
        masked = new boolean[lines < 0 ? 0 : lines];
        ipiPending = new boolean[cpus < 0 ? 0 : cpus];
    }

    public int lineCount() {
        return masked.length;
    }

    public void mask(int line) {
        if (line >= 0 && line < masked.length) {
            masked[line] = true;
        }
    }

    public void unmask(int line) {
        if (line >= 0 && line < masked.length) {
            masked[line] = false;
        }
    }

    public boolean isMasked(int line) {
        return line >= 0 && line < masked.length && masked[line];
    }

    public void endOfInterrupt(int line) {
        endOfInterrupts++;
    }

    public void sendIpi(int cpu) {
        if (cpu >= 0 && cpu < ipiPending.length) {
            ipiPending[cpu] = true;
        }
    }

    /** Clears and returns the pending IPI flag of {@code cpu}; the harness then enters the kernel. */
    public boolean takeIpi(int cpu) {
        if (cpu < 0 || cpu >= ipiPending.length) {
            return false;
        }
        boolean was = ipiPending[cpu];
        ipiPending[cpu] = false;
        return was;
    }

    public long endOfInterrupts() {
        return endOfInterrupts;
    }
}
