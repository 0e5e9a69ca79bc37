package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/**
 * A kernel-like capability table: slots holding typed capabilities with rights and badges, a
 * derivation tree kept as parent indices, mint with diminished rights, and recursive revoke.
 */
public final class CapTable {

    static final int EMPTY = 0;
    static final int MEMORY = 1;
    static final int PORT = 2;
    static final int OK = 0;
    static final int ERR_SLOT = -1;
    static final int ERR_RIGHTS = -2;
    static final int ERR_FULL = -3;

    static final class Cap {
        int type;
        long object;
        boolean read;
        boolean write;
        boolean grant;
        long badge;
        int parent = -1;
    }

    private final Cap[] slots;

    CapTable(int size) {
        slots = new Cap[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new Cap();
        }
    }

    int create(int slot, int type, long object) {
        if (slot < 0 || slot >= slots.length || slots[slot].type != EMPTY) {
            return ERR_SLOT;
        }
        Cap c = slots[slot];
        c.type = type;
        c.object = object;
        c.read = true;
        c.write = true;
        c.grant = true;
        c.parent = -1;
        return OK;
    }

    int mint(int from, int to, boolean read, boolean write, long badge) {
        if (from < 0 || from >= slots.length || to < 0 || to >= slots.length) {
            return ERR_SLOT;
        }
        Cap src = slots[from];
        Cap dst = slots[to];
        if (src.type == EMPTY || dst.type != EMPTY) {
            return ERR_SLOT;
        }
        if (!src.grant) {
            return ERR_RIGHTS;
        }
        dst.type = src.type;
        dst.object = src.object;
        dst.read = src.read && read;
        dst.write = src.write && write;
        dst.grant = false;
        dst.badge = badge;
        dst.parent = from;
        return OK;
    }

    int revoke(int slot) {
        int removed = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].type != EMPTY && slots[i].parent == slot) {
                removed += revoke(i) + 1;
                slots[i].type = EMPTY;
                slots[i].parent = -1;
            }
        }
        return removed;
    }

    long lookup(int slot, long badge) {
        if (slot < 0 || slot >= slots.length) {
            return ERR_SLOT;
        }
        Cap c = slots[slot];
        if (c.type == EMPTY || !c.read) {
            return ERR_RIGHTS;
        }
        return c.object ^ badge ^ c.badge;
    }

    int firstFree() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].type == EMPTY) {
                return i;
            }
        }
        return ERR_FULL;
    }

    /** The benchmark body: many lookups over a populated table. */
    public static long lookups(CapTable t, int rounds) {
        long acc = 0;
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < 64; s++) {
                acc += t.lookup(s, r);
            }
        }
        return acc;
    }

    public static CapTable populated() {
        CapTable t = new CapTable(64);
        for (int i = 0; i < 16; i++) {
            t.create(i, (i & 1) == 0 ? MEMORY : PORT, 0x1000L * i);
        }
        for (int i = 16; i < 64; i++) {
            t.mint(i % 16, i, (i & 2) == 0, true, i);
        }
        return t;
    }

    public static void run(long[] in) {
        CapTable t = new CapTable(32);
        Console.print(t.create(0, MEMORY, 0x1000));
        Console.print(t.create(0, PORT, 1));
        Console.print(t.create(40, PORT, 1));
        Console.print(t.mint(0, 1, true, false, 7));
        Console.print(t.mint(1, 2, true, true, 8));
        Console.print(t.mint(0, 3, false, true, 9));
        Console.print(t.mint(3, 4, true, true, 1));
        Console.println();
        Console.print(t.lookup(1, 7));
        Console.print(" ");
        Console.print(t.lookup(3, 0));
        Console.print(" ");
        Console.print(t.firstFree());
        Console.print(" ");
        Console.print(t.revoke(0));
        Console.print(" ");
        Console.print(t.firstFree());
        Console.println();
        for (int i = 0; i < in.length; i++) {
            long v = in[i];
            int op = (int) (v & 3);
            int a = (int) ((v >>> 2) & 31);
            int b = (int) ((v >>> 7) & 31);
            int r;
            if (op == 0) {
                r = t.create(a, MEMORY, v >>> 12);
            } else if (op == 1) {
                r = t.mint(a, b, (v & 4096) != 0, (v & 8192) != 0, v >> 20);
            } else if (op == 2) {
                r = t.revoke(a);
            } else {
                r = (int) t.lookup(a, v);
            }
            Console.print(r);
            Console.print(" ");
        }
        Console.println();
        Console.print(lookups(populated(), 100));
        Console.println();
    }
}
