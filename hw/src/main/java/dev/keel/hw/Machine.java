package dev.keel.hw;

/**
 * Everything the kernel may touch: the hardware boundary. The image implements it with
 * intrinsics, the JVM tests with {@code dev.keel.hw.sim.SimMachine}.
 */
public interface Machine {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // Each getter hands out the same device every time; they change nothing.

    /** The number of CPUs, at least the boot CPU. */
    /*@ public normal_behavior
      @ ensures \result >= 1;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ int cpuCount();

    /** CPU {@code i}, for 0 <= i < cpuCount(). */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ Cpu cpu(int i);

    /** The MMU of CPU {@code i}. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ Mmu mmu(int i);

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ Timer timer();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ InterruptController interrupts();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ Serial serial();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ PhysicalMemory memory();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ MemoryMap memoryMap();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ BootModules modules();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ Clock clock();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ IoPorts ioPorts();

    /** The trace line (disabled unless tracing was switched on). */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ TraceSink trace();
}
