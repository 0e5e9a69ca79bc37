package dev.keel.kernel.cap;

/**
 * The kinds of kernel object a capability can name (spec/Capabilities.tla: the field {@code type}).
 * NONE marks an empty slot.
 */
public final class CapType {

    private CapType() {
    }

    public static final int NONE = 0;
    /** A memory quota: pages that mmap may back with frames. */
    public static final int MEMORY = 1;
    /** A range of x86 I/O ports. */
    public static final int IO_PORT = 2;
    /** An IPC port. */
    public static final int PORT = 3;
    /** A process: kill it, register it as a service. */
    public static final int PROCESS = 4;
    /** An interrupt line. */
    public static final int IRQ = 5;

    /** One past the highest type. */
    public static final int COUNT = 6;

    /*@ public normal_behavior
      @ ensures \result == (type > NONE && type < COUNT);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure helper @*/ boolean isObjectType(int type) {
        return type > NONE && type < COUNT;
    }
}
