package dev.keel.hw;

/**
 * The console line: a byte-oriented serial port (COM1 in the image, a buffer in the simulated
 * machine). The kernel writes through this interface only; it never touches ports directly.
 */
public interface Serial {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // The device's state is not part of the Java heap the kernel's objects live in (on x86 it
    // is the device itself, on the simulator private fields of the simulated device that no
    // kernel code can reach), so its operations change no kernel object: assignable \nothing.

    /** Sends one byte; blocks until the transmitter accepts it. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void write(int b);

    /** Returns the next received byte, or -1 when none is waiting. Never blocks. */
    /*@ public normal_behavior
      @ ensures -1 <= \result && \result <= 255;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ int read();
}
