package dev.keel.kernel;

/**
 * The sizes of every kernel pool, fixed at boot. The kernel allocates all its objects from pools
 * of these sizes while booting and never again, so it needs no garbage collector; a released
 * object goes back to its pool.
 */
public final class KernelConfig {

    /** Process table entries; entry 0 is the kernel's own holding area, never scheduled. */
    public final int maxProcesses;
    /** Capability slots per process. */
    public final int slotsPerProcess;
    /** Thread control blocks, idle threads included. */
    public final int maxThreads;
    /** Threads one process may have. */
    public final int threadsPerProcess;
    /** IPC ports. */
    public final int maxPorts;
    /** Messages in flight over all ports. */
    public final int maxMessages;
    /** Most message payload bytes. */
    public final int messageBytes;
    /** Mapped regions per address space. */
    public final int regionsPerSpace;
    /** Memory quota objects. */
    public final int maxMemoryObjects;
    /** I/O port range objects. */
    public final int maxIoRanges;
    /** Scheduling priorities 0..priorities-1, higher runs first. */
    public final int priorities;
    /** Ticks a thread runs before round robin moves it to the back of its priority. */
    public final int timeslice;
    /** Highest real-time utilisation admitted per CPU, in per mille. */
    public final int rtLimitPermille;
    /** Service records for automatic restart. */
    public final int maxServices;
    /** Bytes of checkpoint area per service. */
    public final int checkpointBytes;
    /** Pages of user stack. */
    public final int stackPages;
    /** Buckets of each latency histogram (powers of two of cycles). */
    public final int histogramBuckets;

    /*@ public normal_behavior
      @ requires maxProcesses > 1 && slotsPerProcess > 0 && maxThreads > 0 && threadsPerProcess > 0;
      @ ensures this.maxProcesses == maxProcesses && this.slotsPerProcess == slotsPerProcess;
      @ ensures this.maxThreads == maxThreads && this.threadsPerProcess == threadsPerProcess;
      @ assignable \nothing;
      @*/
    public KernelConfig(int maxProcesses, int slotsPerProcess, int maxThreads,
            int threadsPerProcess, int maxPorts, int maxMessages, int messageBytes,
            int regionsPerSpace, int maxMemoryObjects, int priorities, int timeslice,
            int rtLimitPermille, int maxServices, int checkpointBytes, int stackPages) {
        this.maxProcesses = maxProcesses;
        this.slotsPerProcess = slotsPerProcess;
        this.maxThreads = maxThreads;
        this.threadsPerProcess = threadsPerProcess;
        this.maxPorts = maxPorts;
        this.maxMessages = maxMessages;
        this.messageBytes = messageBytes;
        this.regionsPerSpace = regionsPerSpace;
        this.maxMemoryObjects = maxMemoryObjects;
        this.maxIoRanges = 8;
        this.priorities = priorities;
        this.timeslice = timeslice;
        this.rtLimitPermille = rtLimitPermille;
        this.maxServices = maxServices;
        this.checkpointBytes = checkpointBytes;
        this.stackPages = stackPages;
        this.histogramBuckets = 32;
    }

    /**
     * True when the capability table these sizes ask for (every process's slots, in one array)
     * can be allocated: its length {@code maxProcesses * slotsPerProcess} must fit an int. Boot
     * refuses a configuration without it.
     *
     * Computed by a division, not a long product: for every int p and every int s > 0,
     * {@code p * s <= MAX} holds exactly when {@code p <= MAX / s}; for s < 0 exactly when
     * {@code p >= MAX / s} (Java division rounds toward zero); for s == 0 always. The contract says
     * the same, because the prover cannot multiply inequalities to relate the two forms;
     * KernelConfigTest checks the equality against the long product on the edge values.
     */
    /*@ public normal_behavior
      @ ensures \result == (slotsPerProcess > 0 ? maxProcesses <= Integer.MAX_VALUE / slotsPerProcess
      @                     : (slotsPerProcess < 0 ? maxProcesses >= Integer.MAX_VALUE / slotsPerProcess : true));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean capabilityTableFits() {
        int slots = slotsPerProcess;
        if (slots > 0) {
            return maxProcesses <= Integer.MAX_VALUE / slots;
        }
        if (slots < 0) {
            return maxProcesses >= Integer.MAX_VALUE / slots;
        }
        return true;
    }

    /** The sizes used by the tests and the image: small enough to check exhaustively. */
    /*@ public normal_behavior
      @ ensures \fresh(\result);
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ KernelConfig standard() {
        return new KernelConfig(16, 32, 48, 4, 32, 64, 256, 8, 16, 32, 5, 900, 4, 256, 4);
    }
}
