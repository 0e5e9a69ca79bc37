package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Interface dispatch, default and static interface methods, instanceof and checkcast on interfaces. */
public final class Interfaces {

    private Interfaces() {
    }

    interface Device {
        int read(int reg);

        default int readTwice(int reg) {
            return read(reg) + read(reg);
        }

        static int base() {
            return 1000;
        }
    }

    interface Named {
        String label();
    }

    interface Resettable extends Device {
        void reset();
    }

    static final class Timer implements Resettable, Named {
        int ticks;

        @Override
        public int read(int reg) {
            return ticks + reg;
        }

        @Override
        public void reset() {
            ticks = 0;
        }

        @Override
        public String label() {
            return "timer";
        }
    }

    static final class Uart implements Device, Named {
        @Override
        public int read(int reg) {
            return reg * 2;
        }

        @Override
        public int readTwice(int reg) {
            return -reg;
        }

        @Override
        public String label() {
            return "uart";
        }
    }

    static final class Plain {
        int x = 3;
    }

    static int probe(Object o) {
        int r = 0;
        if (o instanceof Device) r |= 1;
        if (o instanceof Named) r |= 2;
        if (o instanceof Resettable) r |= 4;
        if (o instanceof Timer) r |= 8;
        if (o instanceof Plain) r |= 16;
        if (o instanceof Object) r |= 32;
        if (o instanceof Device[]) r |= 64;
        if (o instanceof Object[]) r |= 128;
        if (o instanceof int[]) r |= 256;
        return r;
    }

    public static void run(long[] in) {
        Timer t = new Timer();
        t.ticks = 5;
        Device[] ds = {t, new Uart()};
        for (Device d : ds) {
            Console.print(d.read(3));
            Console.print(" ");
            Console.print(d.readTwice(4));
            Console.print(" ");
            Console.print(((Named) d).label());
            Console.println();
        }
        Resettable r = t;
        r.reset();
        Console.print(t.read(0) + Device.base());
        Console.println();
        Object[] probes = {t, new Uart(), new Plain(), null, ds, new int[1], new Timer[0], new Object()};
        for (Object o : probes) {
            Console.print(probe(o));
            Console.print(" ");
        }
        Console.println();
        for (long v : in) {
            Device d = ds[(int) (v & 1)];
            Console.print(d.read((int) v));
            Console.println();
        }
    }
}
