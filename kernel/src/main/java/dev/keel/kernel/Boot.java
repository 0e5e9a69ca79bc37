package dev.keel.kernel;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.hw.Machine;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.io.IoRanges;
import dev.keel.kernel.ipc.Ipc;
import dev.keel.kernel.ipc.MessagePool;
import dev.keel.kernel.mem.FrameAllocator;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.MemoryObjects;
import dev.keel.kernel.mem.UserMemory;
import dev.keel.kernel.metrics.Metrics;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.proc.ProcessManager;
import dev.keel.kernel.proc.Reclaimer;
import dev.keel.kernel.recovery.ServiceTable;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.ThreadPool;

/**
 * Kernel start-up: allocates every pool from the configuration, then starts the boot module named
 * {@code init} with the root capabilities:
 * <ul>
 * <li>slot {@link #SLOT_MEMORY}: memory, quota = every usable frame, all rights;</li>
 * <li>slot {@link #SLOT_IO_PORTS}: I/O ports 0..65535, all rights;</li>
 * <li>slots {@link #SLOT_IRQ_BASE} + n: interrupt line n, all rights.</li>
 * </ul>
 * This is the only place that creates objects without a capability asking for them.
 */
public final class Boot {

    public static final int SLOT_MEMORY = 0;
    public static final int SLOT_IO_PORTS = 1;
    public static final int SLOT_IRQ_BASE = 2;
    /** Priority of init. */
    public static final int INIT_PRIORITY = 10;

    private Boot() {
    }

    /**
     * Builds the kernel on {@code machine}; null when the configuration's capability table does not
     * fit, or there is no {@code init} module or no memory.
     */
    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static @Nullable Kernel boot(Machine machine, KernelConfig c, boolean selfCheck) {
        if (!c.capabilityTableFits()) {
            new Panic(machine).panic(Panic.CORRUPTION, "Boot.boot: capability table larger than an int", 0);
            return null;
        }
        Kernel k = build(machine, c, selfCheck);
        if (!startInit(k)) {
            k.panic.panic(Panic.CORRUPTION, "Boot.boot: no init module or no memory", 0);
            return null;
        }
        k.scheduler.schedule(k.scheduler.cpu(0));
        Entry.exitKernel(k, k.scheduler.cpu(0));
        return k;
    }

    private static Kernel build(Machine machine, KernelConfig c, boolean selfCheck) {
        int cpus = machine.cpuCount();
        CapabilitySpace caps = new CapabilitySpace(c.maxProcesses, c.slotsPerProcess);
        FrameAllocator frames = new FrameAllocator(machine.memory(), machine.memoryMap());
        MemoryObjects quotas = new MemoryObjects(c.maxMemoryObjects);
        MemoryManager mm = new MemoryManager(machine, frames, quotas, c.maxProcesses, c.regionsPerSpace);
        UserMemory user = new UserMemory(mm, machine.memory());
        ThreadPool threads = new ThreadPool(c.maxThreads + cpus, cpus);
        Scheduler sched = new Scheduler(machine, threads, cpus, c.priorities, c.timeslice, c.rtLimitPermille);
        MessagePool pool = new MessagePool(c.maxMessages, c.messageBytes);
        Ipc ipc = new Ipc(c.maxPorts, pool, sched, user, caps, machine.interrupts(), threads.size());
        Reclaimer reclaimer = new Reclaimer(caps, ipc);
        ProcessManager pm = new ProcessManager(c.maxProcesses, c.threadsPerProcess, c.stackPages,
                caps, mm, user, sched, threads, ipc, reclaimer, machine);
        machine.timer().setPeriod(1000000);
        caps.trace().attach(machine.trace(), ipc);
        sched.trace().attach(machine.trace());
        return new Kernel(c, machine, new Panic(machine), caps, mm, user, threads, sched, ipc,
                reclaimer, pm, new ServiceTable(c.maxServices, c.checkpointBytes),
                new IoRanges(c.maxIoRanges), new Metrics(), selfCheck);
    }

    private static boolean startInit(Kernel k) {
        byte[] name = {'i', 'n', 'i', 't'};
        int module = k.processes.findModule(name, name.length);
        int mem = k.memory.quotas().create(k.memory.frames().freeCount());
        if (module < 0 || mem < 0) {
            return false;
        }
        byte[] none = new byte[0];
        Process init = k.processes.createProcess(null, module, mem, INIT_PRIORITY, none, 0, none, 0);
        if (init == null) {
            return false;
        }
        grantRoot(k, init.index, mem);
        return true;
    }

    private static void grantRoot(Kernel k, int p, int mem) {
        k.caps.createObject(p, SLOT_MEMORY, CapType.MEMORY, mem, true, true, true);
        int io = k.ioRanges.create(0, 65536);
        k.caps.createObject(p, SLOT_IO_PORTS, CapType.IO_PORT, io, true, true, true);
        for (int line = 0; line < k.ipc.irqs().lines(); line++) {
            if (k.caps.checkEmpty(p, SLOT_IRQ_BASE + line) == 0) {
                k.caps.createObject(p, SLOT_IRQ_BASE + line, CapType.IRQ, line, true, true, true);
            }
        }
    }
}
