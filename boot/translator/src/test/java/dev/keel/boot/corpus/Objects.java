package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Instance and static fields of every type, constructors, and field updates whose value is reused. */
public final class Objects {

    static int created;
    static long total;
    static boolean flag;
    static byte sb;
    static char sc;
    static short ss;
    static Objects last;

    private int id;
    private long weight;
    private boolean on;
    private byte small;
    private short mid;
    private char letter;
    private Objects next;

    Objects(int id, long weight) {
        this.id = id;
        this.weight = weight;
        this.letter = (char) ('a' + id);
        created++;
        total += weight;
        last = this;
    }

    int bump() {
        return ++id; // dup_x1
    }

    long grow(long by) {
        return weight += by; // dup2_x1
    }

    public static void run(long[] in) {
        Objects a = new Objects(1, 10);
        Objects b = new Objects(2, 20);
        a.next = b;
        b.next = a;
        a.on = true;
        a.small = (byte) 300;
        a.mid = (short) 70000;
        flag = !flag;
        sb = (byte) -3;
        sc = (char) -1;
        ss = (short) 40000;
        Console.print(a.bump());
        Console.print(" ");
        Console.print(a.grow(5));
        Console.print(" ");
        Console.print(a.next.next.id);
        Console.print(" ");
        Console.print(b.letter);
        Console.print(" ");
        Console.printChar(b.letter);
        Console.print(" ");
        Console.print(a.on);
        Console.print(b.on);
        Console.print(" ");
        Console.print(a.small + a.mid);
        Console.print(" ");
        Console.print(created);
        Console.print(" ");
        Console.print(total);
        Console.print(" ");
        Console.print(flag);
        Console.print(" ");
        Console.print(sb + sc + ss);
        Console.print(" ");
        Console.print(last == b);
        Console.println();
        a.grow(1); // result discarded: pop2
        int k = a.id++;
        long w = b.weight++;
        Console.print(k + a.id);
        Console.print(" ");
        Console.print(w + b.weight);
        Console.println();
        Objects chain = null;
        for (int i = 0; i < 10 + in.length; i++) {
            Objects o = new Objects(i, i < in.length ? in[i] : i);
            o.next = chain;
            chain = o;
        }
        long s = 0;
        for (Objects o = chain; o != null; o = o.next) {
            s = s * 31 + o.weight + o.id;
        }
        Console.print(s);
        Console.print(" ");
        Console.print(created);
        Console.println();
    }
}
