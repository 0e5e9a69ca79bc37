package dev.keel.boot.x86;

import dev.keel.hw.x86.PhysicalMemory;

/**
 * The boot path's handoff block (src/main/c/handoff.h): 64-bit words at a physical address.
 * The word numbers here and there must agree.
 */
public final class Handoff {

    static final long MAGIC = 0x46464f484c45454bL;
    static final long VERSION = 2;
    static final int W_MAGIC = 0;
    static final int W_VERSION = 1;
    static final int W_IMAGE_START = 2;
    static final int W_IMAGE_END = 3;
    static final int W_TSC_ENTRY = 4;
    static final int W_TSC_KMAIN = 5;
    static final int W_CMDLINE = 6;
    static final int W_CMDLINE_LEN = 7;
    static final int W_REGION_COUNT = 8;
    static final int W_REGIONS = 9;
    static final int REGION_WORDS = 3;
    static final int MAX_REGIONS = 32;
    static final int W_MODULE_COUNT = W_REGIONS + REGION_WORDS * MAX_REGIONS;
    static final int W_MODULES = W_MODULE_COUNT + 1;
    static final int MODULE_WORDS = 4;
    static final int MAX_MODULES = 8;

    /** Region type of free RAM, as Multiboot numbers it. */
    static final long MEM_USABLE = 1;

    private final long at;

    Handoff(long at) {
        this.at = at;
    }

    long word(int i) {
        return PhysicalMemory.load64(at + 8L * i);
    }

    boolean valid() {
        return word(W_MAGIC) == MAGIC && word(W_VERSION) == VERSION;
    }

    /** True when the kernel command line holds {@code word} (a whole space-separated word). */
    boolean hasWord(String word) {
        long at = word(W_CMDLINE);
        long len = word(W_CMDLINE_LEN);
        int n = word.length();
        for (long i = 0; i + n <= len; i++) {
            boolean startOk = i == 0 || PhysicalMemory.load8(at + i - 1) == ' ';
            boolean endOk = i + n == len || PhysicalMemory.load8(at + i + n) == ' ';
            if (startOk && endOk && matches(at + i, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(long at, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (PhysicalMemory.load8(at + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    int regionCount() {
        return (int) Math.min(Math.max(word(W_REGION_COUNT), 0), MAX_REGIONS);
    }

    long regionWord(int r, int k) {
        return word(W_REGIONS + REGION_WORDS * r + k);
    }

    int moduleCount() {
        return (int) Math.min(Math.max(word(W_MODULE_COUNT), 0), MAX_MODULES);
    }

    long moduleWord(int m, int k) {
        return word(W_MODULES + MODULE_WORDS * m + k);
    }
}
