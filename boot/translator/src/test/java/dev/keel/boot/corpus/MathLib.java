package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** The java.lang helpers the translator provides: Math, Integer/Long bit helpers, System.arraycopy. */
public final class MathLib {

    private MathLib() {
    }

    static void show(long v) {
        Console.print(v);
        Console.print(" ");
    }

    static void one(long v) {
        int i = (int) v;
        show(Math.min(i, 17));
        show(Math.max(i, -17));
        show(Math.abs(i));
        show(Math.min(v, 1L << 40));
        show(Math.max(v, -(1L << 40)));
        show(Math.abs(v));
        show(Integer.bitCount(i));
        show(Integer.numberOfLeadingZeros(i));
        show(Integer.numberOfTrailingZeros(i));
        show(Long.bitCount(v));
        show(Long.numberOfLeadingZeros(v));
        show(Long.numberOfTrailingZeros(v));
        show(Integer.compare(i, 3));
        show(Long.compare(v, -3));
        show(Integer.compareUnsigned(i, 3));
        show(Long.compareUnsigned(v, -3));
        show(Integer.toUnsignedLong(i));
        show(Math.floorMod(i, 7));
        show(Math.floorDiv(i, -7));
        show(Math.floorMod(v, -9L));
        show(Math.floorDiv(v, 9L));
        if (i > -1000 && i < 1000) {
            show(Math.addExact(i, 7));
            show(Math.subtractExact(i, 7));
            show(Math.multiplyExact(i, 1000));
            show(Math.toIntExact(v));
        }
        if (v > -1000000000L && v < 1000000000L) {
            show(Math.addExact(v, 7L));
            show(Math.subtractExact(v, -7L));
            show(Math.multiplyExact(v, 1000000000L));
        }
        if (i != 0) {
            show(Math.floorMod(-7, i));
            show(Math.floorDiv(Integer.MIN_VALUE, i));
        }
        Console.println();
    }

    public static void run(long[] in) {
        long[] edge = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0x00f0000000000000L};
        for (long v : edge) {
            one(v);
        }
        for (long v : in) {
            one(v);
        }
        int[] a = {1, 2, 3, 4, 5, 6};
        System.arraycopy(a, 0, a, 2, 4);
        for (int x : a) {
            show(x);
        }
        long[] l = {9, 8, 7};
        long[] m = new long[5];
        System.arraycopy(l, 1, m, 3, 2);
        for (long x : m) {
            show(x);
        }
        Object[] objs = new Object[3];
        String[] strs = {"x", "y"};
        System.arraycopy(strs, 0, objs, 1, 2);
        show(objs[0] == null ? 0 : 1);
        show(objs[2] == strs[1] ? 1 : 0);
        Console.println();
    }
}
