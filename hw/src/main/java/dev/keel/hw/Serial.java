package dev.keel.hw;

/**
 * The console line: a byte-oriented serial port (COM1 in the image, a buffer in the simulated
 * machine). The kernel writes through this interface only; it never touches ports directly.
 */
public interface Serial {

    /** Sends one byte; blocks until the transmitter accepts it. */
    void write(int b);

    /** Returns the next received byte, or -1 when none is waiting. Never blocks. */
    int read();
}
