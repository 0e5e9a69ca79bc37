package dev.keel.hw;

/** The x86 I/O port space (in/out instructions), 65536 byte-wide ports. */
public interface IoPorts {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // footprint: the device's own state, which its operations may change; the kernel never
    // reads or writes it other than through these methods.
    //@ public instance model \locset footprint;

    /** Reads port {@code port}; a read may change the device (it may take a byte out of a FIFO). */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    int in8(int port);

    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void out8(int port, int value);
}
