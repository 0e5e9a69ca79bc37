package dev.keel.hw.x86;

/** x86 port I/O. Every method is an intrinsic: the translator replaces it by one in/out instruction. */
public final class Ports {
    private Ports() {
    }

    public static native int inb(int port);

    public static native int inw(int port);

    public static native int inl(int port);

    public static native void outb(int port, int value);

    public static native void outw(int port, int value);

    public static native void outl(int port, int value);
}
