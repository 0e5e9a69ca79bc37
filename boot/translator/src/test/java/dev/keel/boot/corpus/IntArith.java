package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** int arithmetic at its edges: wraparound, division rounding, MIN_VALUE / -1, masked shifts. */
public final class IntArith {

    private IntArith() {
    }

    static void show(String label, int v) {
        Console.print(label);
        Console.print(" ");
        Console.print(v);
        Console.println();
    }

    static void pair(int a, int b) {
        show("add", a + b);
        show("sub", a - b);
        show("mul", a * b);
        show("neg", -a);
        if (b != 0) {
            show("div", a / b);
            show("rem", a % b);
        }
        show("shl", a << b);
        show("shr", a >> b);
        show("ushr", a >>> b);
        show("and", a & b);
        show("or", a | b);
        show("xor", a ^ b);
        show("not", ~a);
        show("cmp", a < b ? -1 : a == b ? 0 : 1);
    }

    public static void run(long[] in) {
        int[] edge = {0, 1, -1, 2, -2, 7, -7, 31, 32, 33, 100, 0x7fffffff, 0x80000000, 0x80000001, 65535, -65536};
        for (int i = 0; i < edge.length; i++) {
            for (int j = 0; j < edge.length; j += 3) {
                pair(edge[i], edge[j]);
            }
        }
        pair(Integer.MIN_VALUE, -1);
        pair(Integer.MIN_VALUE, 1);
        pair(-7, 2);
        pair(7, -2);
        pair(-7, -2);
        pair(1, -1);
        for (int i = 0; i + 1 < in.length; i += 2) {
            pair((int) in[i], (int) in[i + 1]);
        }
        int x = 5;
        x += 1000;
        x -= 70000;
        x++;
        x--;
        show("iinc", x);
        int big = 1 << 20;
        show("sipush", 1000 + big + 129);
    }
}
