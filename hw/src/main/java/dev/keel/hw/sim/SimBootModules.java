package dev.keel.hw.sim;

import dev.keel.hw.BootModules;

/**
 * Simulated boot modules: files (the kernel's tests give ELF64 executables) and names copied
 * into the reserved top of simulated RAM.
 */
public final class SimBootModules implements BootModules {

    private final long[] bases = new long[16];
    private final long[] lengths = new long[16];
    private final long[] nameBases = new long[16];
    private final int[] nameLengths = new int[16];
    private int count;

    /** Records a module already copied into memory; false when the table is full. */
    boolean add(long base, long length, long nameBase, int nameLength) {
        int i = count;
        if (i < 0 || i >= bases.length || i >= lengths.length || i >= nameBases.length
                || i >= nameLengths.length) {
            return false;
        }
        bases[i] = base;
        lengths[i] = length;
        nameBases[i] = nameBase;
        nameLengths[i] = nameLength;
        count = i + 1;
        return true;
    }

    public int count() {
        return count;
    }

    public long base(int i) {
        return i >= 0 && i < bases.length ? bases[i] : 0;
    }

    public long length(int i) {
        return i >= 0 && i < lengths.length ? lengths[i] : 0;
    }

    public long nameBase(int i) {
        return i >= 0 && i < nameBases.length ? nameBases[i] : 0;
    }

    public int nameLength(int i) {
        return i >= 0 && i < nameLengths.length ? nameLengths[i] : 0;
    }
}
