package dev.keel.hw;

/** The x86 I/O port space (in/out instructions), 65536 byte-wide ports. */
public interface IoPorts {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // The device's state is not part of the Java heap the kernel's objects live in (on x86 it
    // is the device itself, on the simulator private fields of the simulated device that no
    // kernel code can reach), so its operations change no kernel object: assignable \nothing.

    /** Reads port {@code port}; a read may change the device (it may take a byte out of a FIFO). */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ int in8(int port);

    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void out8(int port, int value);
}
