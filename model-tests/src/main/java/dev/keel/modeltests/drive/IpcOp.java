package dev.keel.modeltests.drive;

/**
 * One IPC system call by a thread, in the spec's terms: threads and ports are indices into the
 * driver's lists of names. The driver turns them into the slots a program that knows its
 * capabilities would pass, or into an empty slot when the thread holds no such capability.
 */
public sealed interface IpcOp {

    /** send, try_send and call. */
    int SEND = 0;
    int TRY_SEND = 1;
    int CALL = 2;

    /** Rights of a transferred capability, as bits. */
    int W = 1;
    int G = 2;
    /** The receive right, which a capability passed in a message may carry too. */
    int R = 4;

    int thread();

    /** Any badge: the driver picks the capability. */
    long ANY_BADGE = -1;

    /** port_create: the creator gets an unbadged capability with every right. */
    record PortCreate(int thread) implements IpcOp { }

    /**
     * A send of {@code kind} to {@code port} through a send capability with rights {@code via}
     * (bits; 0 for the first the thread holds) and badge {@code viaBadge} (or {@link #ANY_BADGE}),
     * carrying no capability ({@code xport} -1) or one of the thread's capabilities to
     * {@code xport}, as it is: one with the rights {@code xrights} (exactly, else at least) and the
     * badge {@code xbadge} (or any badge), or, when {@code raw}, its strongest.
     */
    record Send(int thread, int port, int kind, int via, long viaBadge, int xport, int xrights, long xbadge,
            boolean raw) implements IpcOp {

        /** Through the thread's first send capability to the port, a transfer from any badge. */
        public Send(int thread, int port, int kind, int xport, int xrights, boolean raw) {
            this(thread, port, kind, 0, ANY_BADGE, xport, xrights, ANY_BADGE, raw);
        }
    }

    /** receive (blocking) or try_receive. */
    record Receive(int thread, int port, boolean block) implements IpcOp { }

    record Reply(int thread) implements IpcOp { }
}
