package dev.keel.boot.translate;

import java.io.PrintStream;

/**
 * The console of translated test programs. On the JVM it prints to {@link #sink}; in translated
 * code every method is an intrinsic ({@link Intrinsics}) writing the same bytes to the runtime's
 * console (stdout when hosted, COM1 when freestanding). Numbers are printed as
 * {@link Integer#toString()} and {@link Long#toString()} print them.
 */
public final class Console {

    /** Where JVM runs print; tests swap it to capture output. */
    public static PrintStream sink = System.out;

    private Console() {
    }

    public static void print(String s) {
        sink.print(s);
    }

    public static void print(int v) {
        sink.print(v);
    }

    public static void print(long v) {
        sink.print(v);
    }

    public static void print(boolean v) {
        sink.print(v);
    }

    /** Prints one character; only the low byte reaches the console (the console is byte-wide). */
    public static void printChar(char c) {
        sink.write(c & 0xff);
    }

    public static void println() {
        sink.print('\n');
    }
}
