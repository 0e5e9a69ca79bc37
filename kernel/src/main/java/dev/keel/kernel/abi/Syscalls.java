package dev.keel.kernel.abi;

/**
 * System call numbers, shared with user space. The first fourteen are the seed's table (process,
 * memory, IPC, I/O); the rest complete the capability, scheduling, interrupt and recovery
 * interfaces. Arguments are passed in up to six 64-bit registers a0..a5; the result comes back in
 * r0 (an {@link Errors} code when negative) and, for some calls, extra values in r1..r3.
 */
public final class Syscalls {

    private Syscalls() {
    }

    // Process
    /** fork() -> child pid in the parent, 0 in the child. */
    public static final int FORK = 1;
    /** exec(namePtr, nameLen, argsPtr, argsLen, envPtr, envLen) -> does not return on success. */
    public static final int EXEC = 2;
    /** exit(status) -> does not return. */
    public static final int EXIT = 3;
    /** wait(pid or -1) -> child pid; r1 = exit status. */
    public static final int WAIT = 4;
    // Memory
    /** mmap(memSlot, va, pages, writable) -> va; pages are filled on first touch. */
    public static final int MMAP = 5;
    /** munmap(va, pages) -> 0. */
    public static final int MUNMAP = 6;
    /** mprotect(va, pages, writable) -> 0. */
    public static final int MPROTECT = 7;
    // IPC
    /** port_create(memSlot, slot, capacity) -> 0; needs write on the memory cap; a port cap with all rights in slot. */
    public static final int PORT_CREATE = 8;
    /** send(portSlot, label, bufPtr, len, capSlot or -1) -> 0; blocks while the queue is full. */
    public static final int SEND = 9;
    /** receive(portSlot, bufPtr, maxLen) -> length; r1 = badge, r2 = label, r3 = cap slot or -1. */
    public static final int RECEIVE = 10;
    // I/O
    /** open(serverPortSlot, pathPtr, pathLen, flags) -> file slot. */
    public static final int OPEN = 11;
    /** read(fileSlot, bufPtr, len) -> bytes read. */
    public static final int READ = 12;
    /** write(fileSlot, bufPtr, len) -> bytes written. */
    public static final int WRITE = 13;
    /** close(fileSlot) -> 0. */
    public static final int CLOSE = 14;
    // Process creation as in the seed's example
    /** create_process(specPtr, procSlot) -> pid; spec = 8 longs, see ProcessSpec. */
    public static final int CREATE_PROCESS = 15;
    // IPC, continued
    /** call(portSlot, label, bufPtr, len, capSlot or -1, replyMax) -> reply length; r1..r3 as receive. */
    public static final int CALL = 16;
    /** reply(label, bufPtr, len) -> 0; uses and consumes the one-shot reply capability. */
    public static final int REPLY = 17;
    /** try_send: send that returns WOULD_BLOCK instead of blocking. */
    public static final int TRY_SEND = 18;
    /** try_receive: receive that returns WOULD_BLOCK instead of blocking. */
    public static final int TRY_RECEIVE = 19;
    // Capabilities
    /** cap_mint(src, dst, rightsRead, rightsWrite, rightsGrant, badge) -> 0. */
    public static final int CAP_MINT = 20;
    /** cap_copy(src, dst) -> 0. */
    public static final int CAP_COPY = 21;
    /** cap_move(src, dst) -> 0. */
    public static final int CAP_MOVE = 22;
    /** cap_delete(slot) -> 0. */
    public static final int CAP_DELETE = 23;
    /** cap_revoke(slot) -> 0; deletes every capability derived from slot. */
    public static final int CAP_REVOKE = 24;
    /** cap_identify(slot) -> type; r1 = rights (read 1, write 2, grant 4), r2 = badge. */
    public static final int CAP_IDENTIFY = 25;
    // Threads and scheduling
    /** yield() -> 0. */
    public static final int YIELD = 26;
    /** thread_create(entry, stack, priority) -> thread id. */
    public static final int THREAD_CREATE = 27;
    /** set_priority(priority) -> 0. */
    public static final int SET_PRIORITY = 28;
    /**
     * set_realtime(budgetTicks, periodTicks) -> 0, BAD_ARGUMENT, or ADMISSION. Gives the calling
     * thread a reservation of budgetTicks in every period of periodTicks. Refused with ADMISSION
     * when the thread already has one (new parameters would refill its budget within a period;
     * a reservation is kept until the thread exits) or when the CPU's reservations would exceed
     * its bound; an exited thread's reservation counts until the end of its period. A thread in
     * the slot of one that exited within its period resumes that period and its remaining budget.
     */
    public static final int SET_REALTIME = 29;
    // Interrupts and devices
    /** irq_bind(irqSlot, portSlot) -> 0; the irq's notifications go to the port. */
    public static final int IRQ_BIND = 30;
    /** irq_ack(irqSlot) -> 0; unmasks the line. */
    public static final int IRQ_ACK = 31;
    /** ioport_read(ioSlot, port) -> byte. */
    public static final int IOPORT_READ = 32;
    /** ioport_write(ioSlot, port, value) -> 0. */
    public static final int IOPORT_WRITE = 33;
    // Monitoring
    /** metrics_read(kind, index) -> value; see Metrics. */
    public static final int METRICS_READ = 34;
    // Recovery
    /** service_register(procSlot) -> 0; the process is restarted with its initial caps if it dies. */
    public static final int SERVICE_REGISTER = 35;
    /** checkpoint_save(bufPtr, len) -> 0. */
    public static final int CHECKPOINT_SAVE = 36;
    /** checkpoint_restore(bufPtr, maxLen) -> length. */
    public static final int CHECKPOINT_RESTORE = 37;
    /** kill(procSlot, status) -> 0. */
    public static final int KILL = 38;
    /** getpid() -> pid. */
    public static final int GETPID = 39;

    /** One past the highest number. */
    public static final int COUNT = 40;
}
