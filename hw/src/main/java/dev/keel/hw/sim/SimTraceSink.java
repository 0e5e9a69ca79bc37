package dev.keel.hw.sim;

import dev.keel.hw.TraceSink;

/**
 * The simulated trace line: a buffer that grows as needed (the simulated machine runs on the JVM,
 * so its buffers may), off until {@link #enable} is called.
 */
public final class SimTraceSink implements TraceSink {

    private byte[] out = new byte[4096];
    private int length;
    private boolean on;

    public boolean enabled() {
        return on;
    }

    /** Switches tracing on; call before the kernel boots. */
    public void enable() {
        on = true;
    }

    public void write(int b) {
        if (length >= out.length) {
            byte[] old = out;
            byte[] bigger = new byte[old.length * 2];
            for (int i = 0; i < old.length && i < bigger.length; i++) {
                bigger[i] = old[i];
            }
            out = bigger;
        }
        if (length >= 0 && length < out.length) {
            out[length] = (byte) b;
            length++;
        }
    }

    /** The bytes written so far. */
    public int length() {
        return length;
    }

    /** Byte {@code i} of the output, or -1 past the end. */
    public int at(int i) {
        if (i < 0 || i >= length || i >= out.length) {
            return -1;
        }
        return out[i] & 0xff;
    }

    /** Forgets what was written (tracing stays as it was). */
    public void clear() {
        length = 0;
    }
}
