package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Enums: constants, values(), ordinal(), name(), switch over an enum, tables indexed by ordinal. */
public final class Enums {

    private Enums() {
    }

    enum CapKind {
        MEMORY, IO_PORT, IPC_PORT, PROCESS, IRQ;

        boolean transferable() {
            return this != IRQ;
        }
    }

    enum Level {
        LOW(1), HIGH(10) {
            @Override
            int weight() {
                return base * 2;
            }
        };

        final int base;

        Level(int base) {
            this.base = base;
        }

        int weight() {
            return base;
        }
    }

    static int cost(CapKind k) {
        switch (k) {
            case MEMORY: return 4096;
            case IO_PORT: return 1;
            case IPC_PORT: return 64;
            default: return 0;
        }
    }

    public static void run(long[] in) {
        int[] counts = new int[CapKind.values().length];
        for (CapKind k : CapKind.values()) {
            Console.print(k.name());
            Console.print(" ");
            Console.print(k.ordinal());
            Console.print(" ");
            Console.print(cost(k));
            Console.print(" ");
            Console.print(k.transferable());
            Console.println();
            counts[k.ordinal()]++;
        }
        Console.print(CapKind.MEMORY.compareTo(CapKind.IRQ));
        Console.print(" ");
        Console.print(CapKind.IRQ.equals(CapKind.IRQ));
        Console.print(" ");
        Console.print(CapKind.values() != CapKind.values());
        Console.print(" ");
        Console.print(Level.LOW.weight() + Level.HIGH.weight());
        Console.print(" ");
        Console.print(Level.HIGH.toString());
        Console.println();
        for (long v : in) {
            CapKind k = CapKind.values()[(int) (v & 0x7fffffff) % 5];
            counts[k.ordinal()]++;
            Console.print(cost(k));
            Console.print(" ");
        }
        for (int c : counts) {
            Console.print(c);
        }
        Console.println();
        assert counts.length == 5 : "five kinds";
    }
}
