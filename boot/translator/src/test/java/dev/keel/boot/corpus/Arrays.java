package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Arrays of every element type, defaults, multi-dimensional arrays, and the dup forms arrays use. */
public final class Arrays {

    private Arrays() {
    }

    static void show(String label, long v) {
        Console.print(label);
        Console.print("=");
        Console.print(v);
        Console.print(" ");
    }

    public static void run(long[] in) {
        int n = 5 + in.length;
        boolean[] z = new boolean[n];
        byte[] b = new byte[n];
        char[] c = new char[n];
        short[] s = new short[n];
        int[] i = new int[n];
        long[] l = new long[n];
        Object[] o = new Object[n];
        String[] str = new String[n];
        show("defaults", (z[0] ? 1 : 0) + b[1] + c[2] + s[3] + i[4] + l[0] + (o[1] == null ? 0 : 1) + (str[2] == null ? 0 : 1));
        for (int k = 0; k < n; k++) {
            z[k] = (k & 1) == 0;
            b[k] = (byte) (k * 100);
            c[k] = (char) (k * 30000);
            s[k] = (short) (k * 20000);
            i[k] = k * 1000000000;
            l[k] = k * 4000000000000000000L;
            o[k] = k % 2 == 0 ? "even" : null;
            str[k] = "s";
        }
        for (int k = 0; k < n; k++) {
            show("z", z[k] ? 1 : 0);
            show("b", b[k]);
            show("c", c[k]);
            show("s", s[k]);
            show("i", i[k]);
            show("l", l[k]);
            show("o", o[k] == null ? 0 : 1);
            Console.println();
        }
        // compound assignment to elements: dup2 (int and long arrays), dup_x2 and dup2_x2 (value reused)
        i[1] += 7;
        l[2] += 9;
        l[3]++;
        int x = i[2] = 42;
        long y = l[4] = -5L;
        b[0] += 200;
        c[0] -= 1;
        s[0] *= 3;
        show("i1", i[1]);
        show("l2", l[2]);
        show("l3", l[3]);
        show("x", x + i[2]);
        show("y", y + l[4]);
        show("b0", b[0]);
        show("c0", c[0]);
        show("s0", s[0]);
        Console.println();
        int[][] grid = new int[3][4];
        long[][][] cube = new long[2][3][2];
        int[][] ragged = new int[3][];
        for (int r = 0; r < 3; r++) {
            ragged[r] = new int[r + 1];
            for (int q = 0; q < 4; q++) {
                grid[r][q] = r * 10 + q;
            }
        }
        cube[1][2][1] = 77;
        ragged[2][2] = 5;
        show("grid", grid[2][3] + grid.length * 100 + grid[0].length * 1000);
        show("cube", cube[1][2][1] + cube[1].length + cube[1][2].length);
        show("ragged", ragged[2][2] + ragged[0].length + ragged[2].length);
        Object[] objs = grid;
        show("covariant", objs.length);
        Console.println();
        long sum = 0;
        for (long v : in) {
            sum += v;
        }
        show("sum", sum);
        Console.println();
    }
}
