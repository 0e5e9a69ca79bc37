package dev.keel.boot.x86;

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

/** The PC the image runs on, one CPU: the x86-64 counterpart of the simulated machine. */
final class X86Machine implements Machine {

    final X86Cpu cpu = new X86Cpu();
    final X86Mmu mmu = new X86Mmu();
    final X86Timer timer = new X86Timer();
    final X86InterruptController interrupts = new X86InterruptController();
    final X86Serial serial = new X86Serial();
    final X86MemoryMap memoryMap;
    final X86PhysicalMemory memory;
    final X86BootModules modules;
    final X86Clock clock = new X86Clock();
    final X86IoPorts ioPorts = new X86IoPorts();
    final X86TraceSink trace;

    X86Machine(Handoff h) {
        memoryMap = new X86MemoryMap(h, h.word(Handoff.W_IMAGE_END));
        memory = new X86PhysicalMemory(memoryMap.top());
        modules = new X86BootModules(h);
        trace = new X86TraceSink(h.hasWord("keel.trace"));
    }

    public int cpuCount() {
        return 1;
    }

    public Cpu cpu(int i) {
        return cpu;
    }

    public Mmu mmu(int i) {
        return mmu;
    }

    public Timer timer() {
        return timer;
    }

    public InterruptController interrupts() {
        return interrupts;
    }

    public Serial serial() {
        return serial;
    }

    public PhysicalMemory memory() {
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

    public IoPorts ioPorts() {
        return ioPorts;
    }

    public TraceSink trace() {
        return trace;
    }
}
