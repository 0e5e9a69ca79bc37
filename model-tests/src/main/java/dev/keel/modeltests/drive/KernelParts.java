package dev.keel.modeltests.drive;

import dev.keel.hw.sim.SimMachine;
import dev.keel.kernel.Kernel;
import dev.keel.kernel.KernelConfig;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.ipc.Ipc;
import dev.keel.kernel.ipc.MessagePool;
import dev.keel.kernel.mem.FrameAllocator;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.MemoryObjects;
import dev.keel.kernel.mem.UserMemory;
import dev.keel.kernel.proc.Reclaimer;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.ThreadPool;

/**
 * The kernel's subsystems wired together on a simulated machine, small enough that every pool
 * fits in a TLC model: the same construction order as the kernel's boot, without the boot
 * modules. Process 0 is the kernel's holding area; processes 1.. are user processes.
 */
public final class KernelParts {

    public final SimMachine machine;
    public final CapabilitySpace caps;
    public final MemoryObjects quotas;
    public final FrameAllocator frames;
    public final MemoryManager memory;
    public final UserMemory user;
    public final ThreadPool threads;
    public final Scheduler scheduler;
    public final MessagePool messages;
    public final Ipc ipc;
    public final Reclaimer reclaimer;
    /**
     * The kernel object the system call layer (dev.keel.kernel.sys) takes, holding these parts;
     * the process table, services, I/O ranges and metrics are left out (null): the capability
     * and port calls driven here do not use them.
     */
    public final Kernel kernel;
    /** Process i's Process object, as the system call layer receives it. */
    public final Process[] processes;
    /** The memory object whose capability the root process holds at boot (the spec's Untyped). */
    public final int untyped;

    public KernelParts(int cpus, int processes, int slots, int ports, int threadsTotal,
            int priorities) {
        this(cpus, processes, slots, ports, threadsTotal, priorities, 3);
    }

    /** As above, with a time slice of {@code timeslice} ticks. */
    public KernelParts(int cpus, int processes, int slots, int ports, int threadsTotal,
            int priorities, int timeslice) {
        machine = new SimMachine(cpus, 4 << 20);
        caps = new CapabilitySpace(processes, slots);
        quotas = new MemoryObjects(4);
        frames = new FrameAllocator(machine.memory(), machine.memoryMap());
        memory = new MemoryManager(machine, frames, quotas, processes, 4);
        user = new UserMemory(memory, machine.memory());
        threads = new ThreadPool(threadsTotal, cpus);
        scheduler = new Scheduler(machine, threads, cpus, priorities, timeslice, 900);
        messages = new MessagePool(8, 16);
        ipc = new Ipc(ports, messages, scheduler, user, caps, machine.interrupts(), threadsTotal);
        reclaimer = new Reclaimer(caps, ipc);
        untyped = quotas.create(frames.frameCount());
        KernelConfig config = new KernelConfig(processes, slots, threadsTotal, 1, ports, 8, 16, 4, 4,
            priorities, timeslice, 900, 1, 16, 1);
        kernel = new Kernel(config, machine, null, caps, memory, user, threads, scheduler, ipc, reclaimer,
            null, null, null, null, false);
        this.processes = new Process[processes];
        for (int i = 0; i < processes; i++) {
            this.processes[i] = new Process(i, memory.space(i), 1);
        }
    }

    /** Boot's grant to the root process: the untyped memory capability in its slot 0. */
    public void grantRoot(int root) {
        caps.createObject(root, 0, CapType.MEMORY, untyped, true, true, true);
    }

    /**
     * Whether an object exists: a port while open; the boot memory object always (MemoryObjects
     * has no public query of its live flags, and the kernel never destroys that object).
     */
    public boolean live(int type, int index) {
        if (type == CapType.PORT) {
            return ipc.port(index) != null && ipc.port(index).live;
        }
        return type == CapType.MEMORY && index == untyped;
    }
}
