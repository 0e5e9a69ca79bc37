package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Narrowing and widening: i2b, i2s, i2c (char is unsigned), l2i, byte/short/char fields. */
public final class Conversions {

    private byte b;
    private short s;
    private char c;
    private boolean z;

    private Conversions() {
    }

    static void show(String label, int v) {
        Console.print(label);
        Console.print(" ");
        Console.print(v);
        Console.println();
    }

    static void one(long v) {
        int i = (int) v;
        show("l2i", i);
        show("i2b", (byte) i);
        show("i2s", (short) i);
        show("i2c", (char) i);
        char ch = (char) i;
        show("char+1", ch + 1);
        show("char>>1", ch >> 1);
        byte by = (byte) i;
        show("byte>>>28", by >>> 28);
        Conversions o = new Conversions();
        o.b = (byte) i;
        o.s = (short) i;
        o.c = (char) i;
        o.z = (i & 1) != 0;
        show("fb", o.b);
        show("fs", o.s);
        show("fc", o.c);
        Console.print(o.z);
        Console.println();
    }

    public static void run(long[] in) {
        long[] edge = {0, 127, 128, 255, 256, -1, -128, -129, 32767, 32768, 65535, 65536, 0x7fffffffL,
            0x80000000L, 0x123456789abcL, -0x123456789abcL};
        for (long v : edge) {
            one(v);
        }
        for (long v : in) {
            one(v);
        }
    }
}
