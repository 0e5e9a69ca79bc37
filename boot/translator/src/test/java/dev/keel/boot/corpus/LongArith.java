package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** long arithmetic: wraparound, division, shifts masked to 63, lcmp, long/int conversions. */
public final class LongArith {

    private LongArith() {
    }

    static void show(String label, long v) {
        Console.print(label);
        Console.print(" ");
        Console.print(v);
        Console.println();
    }

    static void pair(long a, long b) {
        show("add", a + b);
        show("sub", a - b);
        show("mul", a * b);
        show("neg", -a);
        if (b != 0) {
            show("div", a / b);
            show("rem", a % b);
        }
        int s = (int) b;
        show("shl", a << s);
        show("shr", a >> s);
        show("ushr", a >>> s);
        show("and", a & b);
        show("or", a | b);
        show("xor", a ^ b);
        show("lt", a < b ? 1 : 0);
        show("le", a <= b ? 1 : 0);
        show("gt", a > b ? 1 : 0);
        show("ge", a >= b ? 1 : 0);
        show("eq", a == b ? 1 : 0);
        show("ne", a != b ? 1 : 0);
        show("l2i", (int) a);
        show("i2l", (long) (int) b);
    }

    public static void run(long[] in) {
        long[] edge = {0L, 1L, -1L, 2L, 63L, 64L, 65L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            0xffffffffL, 0x100000000L, -0x80000000L, 1234567890123L};
        for (int i = 0; i < edge.length; i++) {
            for (int j = 0; j < edge.length; j += 2) {
                pair(edge[i], edge[j]);
            }
        }
        for (int i = 0; i + 1 < in.length; i += 2) {
            pair(in[i], in[i + 1]);
        }
        long acc = 1;
        for (int i = 0; i < 70; i++) {
            acc = acc * 6364136223846793005L + 1442695040888963407L;
        }
        show("lcg", acc);
    }
}
