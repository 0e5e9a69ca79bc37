package dev.keel.modeltests.drive;

/** One scheduler event: what a system call or an interrupt makes the scheduler do. */
public record SchedOp(String action, String thread) {

    /** Thread creation (Admit), exit (Retire), timer tick, yield, block in IPC, wake-up by IPC. */
    public static final String[] ACTIONS = {"Admit", "Retire", "Tick", "Yield", "Block", "Unblock"};
}
