package dev.keel.kernel.abi;

/** The first argument of metrics_read: which counter or histogram; the second selects within it. */
public final class MetricKinds {

    private MetricKinds() {
    }

    /** Context switches of CPU index (-1: all CPUs). */
    public static final int CONTEXT_SWITCHES = 0;
    /** Page faults resolved as index: 0 demand, 1 copy-on-write, 2 spurious, 3 invalid (process killed). */
    public static final int PAGE_FAULTS = 1;
    /** Page-fault latency histogram: faults that took [2^index, 2^(index+1)) cycles. */
    public static final int PAGE_FAULT_LATENCY = 2;
    /** Calls of system call number index. */
    public static final int SYSCALL_COUNT = 3;
    /** Latency histogram of syscall n: index = n * 32 + bucket; bucket b counts [2^b, 2^(b+1)) cycles. */
    public static final int SYSCALL_LATENCY = 4;
    /** Times CPU index entered its idle thread (and halted). */
    public static final int IDLE_ENTRIES = 5;
    /** Times CPU index left its idle thread for work. */
    public static final int WAKEUPS = 6;
    /** Timer ticks of CPU index. */
    public static final int TICKS = 7;
    /** Free physical frames (index ignored). */
    public static final int FREE_FRAMES = 8;
    /** Automatic service restarts so far (index ignored). */
    public static final int RESTARTS = 9;
    /** Processes killed for a fault (index ignored). */
    public static final int FAULT_KILLS = 10;

    public static final int COUNT = 11;
    public static final int BUCKETS = 32;
}
