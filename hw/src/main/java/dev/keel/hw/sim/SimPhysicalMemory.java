package dev.keel.hw.sim;

import dev.keel.hw.PhysicalMemory;

/**
 * Simulated RAM: a byte array, little-endian. An access outside the array or misaligned is a bus
 * error: it is counted, reads return all ones and writes are dropped, as on real buses. A bulk
 * copy with a range outside memory or outside the Java array is one bus error and copies nothing
 * (a read leaves the array as it was).
 */
public final class SimPhysicalMemory implements PhysicalMemory {

    private final byte[] bytes;
    private long busErrors;

    public SimPhysicalMemory(int size) {
        bytes = new byte[size < 0 ? 0 : size];
    }

    public long size() {
        return bytes.length;
    }

    /** Bus errors seen so far; a correct kernel causes none. */
    public long busErrors() {
        return busErrors;
    }

    private boolean ok(long pa, int width) {
        if (pa < 0 || pa > bytes.length - width || pa % width != 0) {
            busErrors++;
            return false;
        }
        return true;
    }

    private long get(long pa, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            int at = (int) pa + i;
            if (at >= 0 && at < bytes.length) {
                v = (v << 8) | (bytes[at] & 0xffL);
            }
        }
        return v;
    }

    private void put(long pa, int width, long value) {
        long v = value;
        for (int i = 0; i < width; i++) {
            int at = (int) pa + i;
            if (at >= 0 && at < bytes.length) {
                bytes[at] = (byte) v;
            }
            v = v >> 8;
        }
    }

    public int load8(long pa) {
        return ok(pa, 1) ? (int) get(pa, 1) : 0xff;
    }

    public int load16(long pa) {
        return ok(pa, 2) ? (int) get(pa, 2) : 0xffff;
    }

    public int load32(long pa) {
        return ok(pa, 4) ? (int) get(pa, 4) : -1;
    }

    public long load64(long pa) {
        return ok(pa, 8) ? get(pa, 8) : -1L;
    }

    public void store8(long pa, int value) {
        if (ok(pa, 1)) {
            put(pa, 1, value);
        }
    }

    public void store16(long pa, int value) {
        if (ok(pa, 2)) {
            put(pa, 2, value);
        }
    }

    public void store32(long pa, int value) {
        if (ok(pa, 4)) {
            put(pa, 4, value);
        }
    }

    public void store64(long pa, long value) {
        if (ok(pa, 8)) {
            put(pa, 8, value);
        }
    }

    /** True when [pa, pa + len) lies in memory; counts a bus error otherwise. */
    private boolean inside(long pa, long len) {
        if (pa < 0 || len < 0 || pa > bytes.length - len) {
            busErrors++;
            return false;
        }
        return true;
    }

    private boolean inArray(byte[] a, int off, int len) {
        if (off < 0 || len < 0 || off > a.length - len) {
            busErrors++;
            return false;
        }
        return true;
    }

    public void read(long pa, byte[] dst, int off, int len) {
        if (inside(pa, len) && inArray(dst, off, len)) {
            for (int i = 0; i < len; i++) {
                int from = (int) pa + i;
                int to = off + i;
                if (from >= 0 && from < bytes.length && to >= 0 && to < dst.length) {
                    dst[to] = bytes[from];
                }
            }
        }
    }

    public void write(long pa, byte[] src, int off, int len) {
        if (inside(pa, len) && inArray(src, off, len)) {
            for (int i = 0; i < len; i++) {
                int from = off + i;
                int to = (int) pa + i;
                if (from >= 0 && from < src.length && to >= 0 && to < bytes.length) {
                    bytes[to] = src[from];
                }
            }
        }
    }

    public void copy(long to, long from, long len) {
        if (inside(to, len) && inside(from, len)) {
            for (long i = 0; i < len; i++) {
                int f = (int) (from + i);
                int t = (int) (to + i);
                if (f >= 0 && f < bytes.length && t >= 0 && t < bytes.length) {
                    bytes[t] = bytes[f];
                }
            }
        }
    }
}
