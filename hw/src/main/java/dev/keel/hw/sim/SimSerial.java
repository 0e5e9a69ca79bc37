package dev.keel.hw.sim;

import dev.keel.hw.Serial;

/** A simulated serial line: output kept in a bounded buffer, input fed by the test. */
public final class SimSerial implements Serial {

    private final byte[] out = new byte[65536];
    private int outLength;
    private final byte[] in = new byte[4096];
    private int inHead;
    private int inTail;

    public void write(int b) {
        if (outLength >= 0 && outLength < out.length) {
            out[outLength] = (byte) b;
            outLength++;
        }
    }

    public int read() {
        if (inHead >= inTail || inHead < 0 || inHead >= in.length) {
            return -1;
        }
        int b = in[inHead] & 0xff;
        inHead++;
        return b;
    }

    /** Queues one byte of input. */
    public void feed(int b) {
        if (inTail >= 0 && inTail < in.length) {
            in[inTail] = (byte) b;
            inTail++;
        }
    }

    /** The bytes written so far. */
    public int outputLength() {
        return outLength;
    }

    /** Byte {@code i} of the output, or -1 past the end. */
    public int outputAt(int i) {
        if (i < 0 || i >= outLength || i >= out.length) {
            return -1;
        }
        return out[i] & 0xff;
    }
}
