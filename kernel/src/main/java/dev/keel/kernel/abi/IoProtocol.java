package dev.keel.kernel.abi;

/**
 * The messages the kernel sends to an I/O server on behalf of open, read, write and close. Each
 * is a call; the label is {@code op * OP_UNIT + argument}. A file is a badged capability to the
 * server's port: the badge is the server's handle plus one.
 * <ul>
 * <li>OPEN: argument = flags, payload = path; reply label = handle (>= 0) or an error.</li>
 * <li>READ: argument = bytes wanted, no payload; reply payload = the bytes read.</li>
 * <li>WRITE: no argument, payload = the bytes; reply label = bytes written or an error.</li>
 * <li>CLOSE: no argument, no payload; reply label = 0 or an error.</li>
 * </ul>
 */
public final class IoProtocol {

    private IoProtocol() {
    }

    public static final long OP_UNIT = 0x100000000L;
    public static final int OPEN = 1;
    public static final int READ = 2;
    public static final int WRITE = 3;
    public static final int CLOSE = 4;

    /** The operation of a request label. */
    /*@ public normal_behavior
      @ ensures \result == label / OP_UNIT;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ long op(long label) {
        return label / OP_UNIT;
    }

    /** The argument of a request label. */
    /*@ public normal_behavior
      @ ensures \result == label % OP_UNIT;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ long argument(long label) {
        return label % OP_UNIT;
    }
}
