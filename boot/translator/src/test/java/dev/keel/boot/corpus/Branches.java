package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Every compare-and-branch form, both switch forms, loops and values merged at joins. */
public final class Branches {

    private Branches() {
    }

    static int dense(int k) {
        switch (k) {
            case 0: return 10;
            case 1: return 11;
            case 2: return 12;
            case 3: return 13;
            case 5: return 15;
            default: return -1;
        }
    }

    static int sparse(int k) {
        switch (k) {
            case -1000000: return 1;
            case 7: return 2;
            case 1000: return 3;
            case Integer.MIN_VALUE: return 4;
            case Integer.MAX_VALUE: return 5;
            default: return 0;
        }
    }

    static int flags(int a, int b) {
        int r = 0;
        if (a == 0) r |= 1;
        if (a != 0) r |= 2;
        if (a < 0) r |= 4;
        if (a >= 0) r |= 8;
        if (a > 0) r |= 16;
        if (a <= 0) r |= 32;
        if (a == b) r |= 64;
        if (a != b) r |= 128;
        if (a < b) r |= 256;
        if (a >= b) r |= 512;
        if (a > b) r |= 1024;
        if (a <= b) r |= 2048;
        return r;
    }

    static int refs(Object x, Object y) {
        int r = 0;
        if (x == null) r |= 1;
        if (x != null) r |= 2;
        if (x == y) r |= 4;
        if (x != y) r |= 8;
        return r;
    }

    /** Overwrites a parameter and never reads it again (the C must not warn about that). */
    static int overwrite(int unused, long alsoUnused) {
        unused = 3;
        alsoUnused = 4;
        return 7;
    }

    static int collatz(long n) {
        int steps = 0;
        while (n != 1 && steps < 1000) {
            n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
        return steps;
    }

    public static void run(long[] in) {
        for (int k = -2; k < 8; k++) {
            Console.print(dense(k));
            Console.print(" ");
            Console.print(sparse(k * 1000 - 1000000 * (k & 1)));
            Console.println();
        }
        Console.print(sparse(Integer.MIN_VALUE) + sparse(Integer.MAX_VALUE) + sparse(7));
        Console.println();
        int[] vals = {-5, 0, 5, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (int a : vals) {
            for (int b : vals) {
                Console.print(flags(a, b));
                Console.print(" ");
            }
            Console.println();
        }
        Object o = new Object();
        Console.print(refs(null, null));
        Console.print(refs(o, null));
        Console.print(refs(o, o));
        Console.print(refs(null, o));
        Console.println();
        for (long n = 1; n < 30; n++) {
            Console.print(collatz(n));
            Console.print(",");
        }
        Console.println();
        for (long v : in) {
            Console.print(flags((int) v, (int) (v >> 32)));
            Console.print(" ");
            Console.print(dense((int) v & 7));
            Console.print(" ");
            Console.print(collatz((v & 0xffff) + 1));
            Console.println();
        }
        Console.print(overwrite(1, 2));
        boolean t = in.length > 100;
        Console.print(t ? "many" : "few");
        Console.println();
    }
}
