package dev.keel.hw.x86;

/** Test double of the hw port-I/O intrinsics (the translator replaces every method). */
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
