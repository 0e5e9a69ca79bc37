package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** Static initializers run on first use, superclass first, each once, as the JVM runs them. */
public final class StaticInit {

    private StaticInit() {
    }

    static int log(String what, int v) {
        Console.print(what);
        Console.print(" ");
        return v;
    }

    static class Base {
        static int baseValue = log("Base.clinit", 10);
    }

    static class Derived extends Base {
        static int derivedValue = log("Derived.clinit", baseValue + 1);

        static int get() {
            return derivedValue;
        }
    }

    static class Lazy {
        static int[] table;

        static {
            Console.print("Lazy.clinit ");
            table = new int[4];
            for (int i = 0; i < table.length; i++) {
                table[i] = i * i;
            }
        }
    }

    static class Made {
        static int count = log("Made.clinit", 100);
        final int n;

        Made() {
            n = ++count;
        }
    }

    static class Cycle {
        static int a = log("Cycle.clinit", Other.b + 1);
    }

    static class Other {
        static int b = log("Other.clinit", Cycle.a + 10);
    }

    static class Constant {
        static final int K = 7; // a compile-time constant: reading it does not initialize the class
        static int touched = log("Constant.clinit", 1);
    }

    public static void run(long[] in) {
        Console.print("start ");
        Console.print(Constant.K);
        Console.println();
        Console.print(Derived.get());
        Console.println();
        Console.print(Base.baseValue);
        Console.println();
        Console.print(new Made().n + new Made().n);
        Console.println();
        Console.print(Lazy.table[3]);
        Console.println();
        Console.print(Other.b);
        Console.print(" ");
        Console.print(Cycle.a);
        Console.println();
        Lazy.table = null;
        Console.print(Lazy.table == null);
        Console.println();
    }
}
