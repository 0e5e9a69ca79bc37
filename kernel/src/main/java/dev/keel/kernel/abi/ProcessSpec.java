package dev.keel.kernel.abi;

/**
 * The argument block of create_process, as in the seed's example
 * {@code create_process(&executable, &args, &env, &[caps])}: ten little-endian 64-bit words in
 * user memory. Args and env are NUL-separated strings; caps is an array of slot numbers in the
 * caller's capability space, each needing the grant right, copied to the child's slots 0.. in
 * order.
 */
public final class ProcessSpec {

    private ProcessSpec() {
    }

    public static final int NAME_PTR = 0;
    public static final int NAME_LEN = 1;
    public static final int ARGS_PTR = 2;
    public static final int ARGS_LEN = 3;
    public static final int ENV_PTR = 4;
    public static final int ENV_LEN = 5;
    public static final int CAPS_PTR = 6;
    public static final int CAPS_COUNT = 7;
    /** Slot of the memory capability (write right) charged for the child's image and stack. */
    public static final int MEM_SLOT = 8;
    public static final int PRIORITY = 9;

    public static final int WORDS = 10;
    public static final int BYTES = WORDS * 8;

    /** Longest executable name. */
    public static final int NAME_MAX = 64;
    /** Most initial capabilities. */
    public static final int MAX_CAPS = 64;
    /** Longest args block and longest env block. */
    public static final int ARG_MAX = 512;

    /** Word {@code i} of a spec block read into {@code w}; 0 when out of range. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < w.length;
      @ ensures \result == w[i];
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long word(long[] w, int i) {
        return i >= 0 && i < w.length ? w[i] : 0;
    }

    /** Where images are loaded and where execution starts. */
    public static final long IMAGE_BASE = 0x400000L;
    /** One past the top of the user stack. */
    public static final long STACK_TOP = 0x7fff00000000L;
}
