package dev.keel.kernel.abi;

/**
 * Every error a system call can return, shared with user space. A result {@code >= 0} is
 * success; each code below is negative and names exactly one reason. User input only ever leads
 * to one of these codes: it never panics the kernel and never leaves state half changed.
 */
public final class Errors {

    private Errors() {
    }

    /** Success. */
    public static final int OK = 0;
    /** The system call number is not in {@link Syscalls}. */
    public static final int BAD_SYSCALL = -1;
    /** A slot number lies outside the caller's capability space. */
    public static final int BAD_SLOT = -2;
    /** The named slot holds no capability. */
    public static final int EMPTY_SLOT = -3;
    /** The destination slot already holds a capability. */
    public static final int SLOT_FULL = -4;
    /** The capability is of the wrong type for this call. */
    public static final int WRONG_TYPE = -5;
    /** The capability lacks a right this call needs (read, write or grant). */
    public static final int NO_RIGHTS = -6;
    /** A user pointer is not mapped, not user accessible, not writable, or not aligned. */
    public static final int BAD_ADDRESS = -7;
    /** A length is negative or above the limit of this call. */
    public static final int BAD_LENGTH = -8;
    /** Another argument is outside its range (priority, flags, page count, handle). */
    public static final int BAD_ARGUMENT = -9;
    /** No free physical frame, or the memory capability's quota is spent. */
    public static final int NO_MEMORY = -10;
    /** A fixed-size kernel pool (processes, threads, ports, messages, regions) is full. */
    public static final int NO_RESOURCES = -11;
    /** A non-blocking call would have had to block. */
    public static final int WOULD_BLOCK = -12;
    /** The call would close a cycle of threads blocked in call; nothing was changed. */
    public static final int DEADLOCK = -13;
    /** wait: the caller has no such child. */
    public static final int NO_CHILD = -14;
    /** The real-time parameters would exceed the CPU's admissible utilisation. */
    public static final int ADMISSION = -15;
    /** The object went away while the caller was blocked on it (port destroyed, server died). */
    public static final int DEAD_OBJECT = -16;
    /** exec, create_process: no boot module has the given name. */
    public static final int NOT_FOUND = -17;
    /** reply: the caller holds no reply capability. */
    public static final int NO_REPLY = -18;
    /** exec, create_process: the named boot module is not a loadable ELF64 executable. */
    public static final int BAD_EXECUTABLE = -19;

    /** The lowest code; codes lie in [LOWEST, OK]. */
    public static final int LOWEST = -19;

    /** True when {@code code} is one of the codes above other than OK. */
    /*@ public normal_behavior
      @ ensures \result == (code < 0 && code >= LOWEST);
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ boolean isError(long code) {
        return code < 0 && code >= LOWEST;
    }
}
