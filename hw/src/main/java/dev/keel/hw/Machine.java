package dev.keel.hw;

/**
 * Everything the kernel may touch: the hardware boundary. The image implements it with
 * intrinsics, the JVM tests with {@code dev.keel.hw.sim.SimMachine}.
 */
public interface Machine {

    int cpuCount();

    /** CPU {@code i}, for 0 <= i < cpuCount(). */
    Cpu cpu(int i);

    /** The MMU of CPU {@code i}. */
    Mmu mmu(int i);

    Timer timer();

    InterruptController interrupts();

    Serial serial();

    PhysicalMemory memory();

    MemoryMap memoryMap();

    BootModules modules();

    Clock clock();

    IoPorts ioPorts();

    /** The trace line (disabled unless tracing was switched on). */
    TraceSink trace();
}
