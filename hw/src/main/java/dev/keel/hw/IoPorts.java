package dev.keel.hw;

/** The x86 I/O port space (in/out instructions), 65536 byte-wide ports. */
public interface IoPorts {

    int in8(int port);

    void out8(int port, int value);
}
