package dev.keel.kernel;

import dev.keel.hw.Machine;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.io.IoRanges;
import dev.keel.kernel.ipc.Ipc;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.UserMemory;
import dev.keel.kernel.metrics.Metrics;
import dev.keel.kernel.proc.ProcessManager;
import dev.keel.kernel.proc.Reclaimer;
import dev.keel.kernel.recovery.ServiceTable;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.ThreadPool;

/**
 * The whole kernel state, as references only: there is no global or static mutable state; every
 * kernel entry receives this object (and the CPU it runs on) explicitly. Built by {@link Boot}.
 */
public final class Kernel {

    public final KernelConfig config;
    public final Machine machine;
    public final Panic panic;
    public final CapabilitySpace caps;
    public final MemoryManager memory;
    public final UserMemory user;
    public final ThreadPool threads;
    public final Scheduler scheduler;
    public final Ipc ipc;
    public final Reclaimer reclaimer;
    public final ProcessManager processes;
    public final ServiceTable services;
    public final IoRanges ioRanges;
    public final Metrics metrics;

    /** Run the self-checks of every invariant on every kernel exit (tests), or never (0). */
    public final boolean selfCheck;

    // One scheduler: the process manager starts threads on the scheduler a system call's checks
    // read through this object (a priority bounded by k.scheduler is a priority of the manager's).
    //@ public invariant processes.scheduler == scheduler;

    // A process capability names a row of the process table: create_process makes each one with
    // the child's index, and copy, mint and move keep the type and object of their source. The
    // capability space alone cannot state it, since it does not hold the table.
    //@ public invariant (\forall int g; 0 <= g && g < caps.slots.length; caps.slots[g].type == dev.keel.kernel.cap.CapType.PROCESS ==> 0 <= caps.slots[g].object && caps.slots[g].object < processes.table.length);

    /*@ public normal_behavior
      @ requires processes.scheduler == scheduler;
      @ requires (\forall int g; 0 <= g && g < caps.slots.length; caps.slots[g].type == dev.keel.kernel.cap.CapType.PROCESS ==> 0 <= caps.slots[g].object && caps.slots[g].object < processes.table.length);
      @ ensures this.config == config && this.machine == machine;
      @ assignable \nothing;
      @*/
    public Kernel(KernelConfig config, Machine machine, Panic panic, CapabilitySpace caps,
            MemoryManager memory, UserMemory user, ThreadPool threads, Scheduler scheduler,
            Ipc ipc, Reclaimer reclaimer, ProcessManager processes, ServiceTable services,
            IoRanges ioRanges, Metrics metrics, boolean selfCheck) {
        this.config = config;
        this.machine = machine;
        this.panic = panic;
        this.caps = caps;
        this.memory = memory;
        this.user = user;
        this.threads = threads;
        this.scheduler = scheduler;
        this.ipc = ipc;
        this.reclaimer = reclaimer;
        this.processes = processes;
        this.services = services;
        this.ioRanges = ioRanges;
        this.metrics = metrics;
        this.selfCheck = selfCheck;
    }
}
