package dev.keel.hw;

/**
 * Everything the kernel may touch: the hardware boundary. The image implements it with
 * intrinsics, the JVM tests with {@code dev.keel.hw.sim.SimMachine}.
 */
public interface Machine {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // Each getter hands out the same device every time; they change nothing.

    /** The number of CPUs, at least the boot CPU. */
    /*@ public normal_behavior
      @ ensures \result >= 1;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ int cpuCount();

    /** CPU {@code i}, for 0 <= i < cpuCount(). */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ Cpu cpu(int i);

    /** The MMU of CPU {@code i}. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ Mmu mmu(int i);

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ Timer timer();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ InterruptController interrupts();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ Serial serial();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ PhysicalMemory memory();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ MemoryMap memoryMap();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ BootModules modules();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ Clock clock();

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ IoPorts ioPorts();

    /** The trace line (disabled unless tracing was switched on). */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ TraceSink trace();
}
