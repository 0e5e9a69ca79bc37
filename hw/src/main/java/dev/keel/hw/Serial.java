package dev.keel.hw;

/**
 * The console line: a byte-oriented serial port (COM1 in the image, a buffer in the simulated
 * machine). The kernel writes through this interface only; it never touches ports directly.
 */
public interface Serial {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // footprint: the device's own state, which its operations may change; the kernel never
    // reads or writes it other than through these methods.
    //@ public instance model \locset footprint;

    /** Sends one byte; blocks until the transmitter accepts it. */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void write(int b);

    /** Returns the next received byte, or -1 when none is waiting. Never blocks. */
    /*@ public normal_behavior
      @ ensures -1 <= \result && \result <= 255;
      @ assignable footprint;
      @*/
    int read();
}
