package dev.keel.hw.sim;

import dev.keel.hw.BootModules;
import dev.keel.hw.Clock;
import dev.keel.hw.Cpu;
import dev.keel.hw.InterruptController;
import dev.keel.hw.IoPorts;
import dev.keel.hw.Machine;
import dev.keel.hw.MemoryMap;
import dev.keel.hw.Mmu;
import dev.keel.hw.PhysicalMemory;
import dev.keel.hw.Serial;
import dev.keel.hw.Timer;
import dev.keel.hw.TraceSink;

/**
 * A whole simulated PC for JVM tests. RAM layout: the first MiB is reserved (firmware and the
 * kernel image), then usable RAM, then a reserved area at the top that holds the boot modules.
 */
public final class SimMachine implements Machine {

    public static final int PAGE = 4096;
    public static final int LOW_RESERVED = 1 << 20;
    public static final int MODULE_AREA = 256 * 1024;

    private final SimCpu[] cpus;
    private final SimMmu[] mmus;
    private final SimCpu bootCpu;
    private final SimMmu bootMmu;
    private final SimTimer timer = new SimTimer();
    private final SimInterruptController interrupts;
    private final SimSerial serial = new SimSerial();
    private final SimPhysicalMemory memory;
    private final SimMemoryMap memoryMap;
    private final SimBootModules modules = new SimBootModules();
    private final SimClock clock = new SimClock(7);
    private final SimIoPorts ioPorts = new SimIoPorts();
    private final SimTraceSink trace = new SimTraceSink();
    private long moduleNext;

    /** A machine with {@code cpuCount} CPUs, {@code ramBytes} of RAM (a multiple of 4 KiB above 2 MiB) and 16 irq lines. */
    public SimMachine(int cpuCount, int ramBytes) {
        int n = cpuCount < 1 ? 1 : cpuCount;
        cpus = new SimCpu[n];
        mmus = new SimMmu[n];
        for (int i = 1; i < n; i++) {
            cpus[i] = new SimCpu(i);
            mmus[i] = new SimMmu();
        }
        bootCpu = new SimCpu(0);
        bootMmu = new SimMmu();
        cpus[0] = bootCpu;
        mmus[0] = bootMmu;
        interrupts = new SimInterruptController(16, n);
        memory = new SimPhysicalMemory(ramBytes);
        long top = ramBytes - MODULE_AREA;
        long[] bases = {0, LOW_RESERVED, top};
        long[] lengths = {LOW_RESERVED, top - LOW_RESERVED, MODULE_AREA};
        boolean[] usable = {false, true, false};
        memoryMap = new SimMemoryMap(bases, lengths, usable);
        moduleNext = top;
    }

    /** Copies a boot module into the module area; false when it does not fit. */
    public boolean addModule(byte[] name, byte[] image) {
        long need = roundUp(name.length) + roundUp(image.length);
        if (moduleNext + need > memory.size()) {
            return false;
        }
        long nameAt = moduleNext;
        copy(name, nameAt);
        long imageAt = nameAt + roundUp(name.length);
        copy(image, imageAt);
        moduleNext = imageAt + roundUp(image.length);
        return modules.add(imageAt, image.length, nameAt, name.length);
    }

    private static long roundUp(long n) {
        return (n + PAGE - 1) / PAGE * PAGE;
    }

    private void copy(byte[] src, long at) {
        for (int i = 0; i < src.length; i++) {
            memory.store8(at + i, src[i]);
        }
    }

    public int cpuCount() {
        return cpus.length;
    }

    public Cpu cpu(int i) {
        return simCpu(i);
    }

    /** CPU {@code i}, or CPU 0 when out of range. */
    public SimCpu simCpu(int i) {
        return i >= 0 && i < cpus.length ? cpus[i] : bootCpu;
    }

    public Mmu mmu(int i) {
        return simMmu(i);
    }

    /** The MMU of CPU {@code i}, or of CPU 0 when out of range. */
    public SimMmu simMmu(int i) {
        return i >= 0 && i < mmus.length ? mmus[i] : bootMmu;
    }

    public Timer timer() {
        return timer;
    }

    public InterruptController interrupts() {
        return interrupts;
    }

    public SimInterruptController simInterrupts() {
        return interrupts;
    }

    public Serial serial() {
        return serial;
    }

    public SimSerial simSerial() {
        return serial;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public SimPhysicalMemory simMemory() {
        return memory;
    }

    public MemoryMap memoryMap() {
        return memoryMap;
    }

    public BootModules modules() {
        return modules;
    }

    public Clock clock() {
        return clock;
    }

    public SimClock simClock() {
        return clock;
    }

    public IoPorts ioPorts() {
        return ioPorts;
    }

    public SimIoPorts simIoPorts() {
        return ioPorts;
    }

    public TraceSink trace() {
        return trace;
    }

    public SimTraceSink simTrace() {
        return trace;
    }
}
