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

    /** port_create, then a mint of the creator's badged send capability (its own badge). */
    record PortCreate(int thread) implements IpcOp { }

    /**
     * A send of {@code kind} to {@code port}, carrying no capability ({@code xport} -1) or a
     * capability to {@code xport}: minted from the thread's own with the rights {@code xrights},
     * or, when {@code raw}, the thread's strongest capability to it as it is.
     */
    record Send(int thread, int port, int kind, int xport, int xrights, boolean raw) implements IpcOp { }

    /** receive (blocking) or try_receive. */
    record Receive(int thread, int port, boolean block) implements IpcOp { }

    record Reply(int thread) implements IpcOp { }
}
