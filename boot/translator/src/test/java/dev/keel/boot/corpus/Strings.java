package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/** String literals as constant bytes: printing, length, charAt, identity of equal literals. */
public final class Strings {

    private Strings() {
    }

    static final String GREETING = "Keel kernel";

    static int checksum(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    public static void run(long[] in) {
        Console.print(GREETING);
        Console.println();
        Console.print("tab\there \"quoted\" back\\slash ?? trigraph??=");
        Console.println();
        String controls = "nul\0one\u0001\r\u001b[0m\u007f\0" + "7";
        Console.print(controls.length());
        Console.print(controls);
        Console.print(checksum(controls));
        Console.println();
        String[] words = {"cap", "ipc", "sched", "mem", ""};
        for (String w : words) {
            Console.print(w.length());
            Console.print(" ");
            Console.print(checksum(w));
            Console.println();
        }
        String a = "same";
        String b = "same";
        Console.print(a == b);
        Console.print(" ");
        Console.print(GREETING.charAt(0) == 'K');
        Console.println();
        String built = "same";
        Console.print(a.equals(b));
        Console.print(a.equals(built));
        Console.print(a.equals("other"));
        Console.print(a.equals(null));
        Console.print(a.equals(new Object()));
        Console.print(GREETING.startsWith("Keel"));
        Console.print(GREETING.startsWith("kernel"));
        Console.print(GREETING.startsWith(""));
        Console.print("K".startsWith(GREETING));
        Console.println();
        String nothing = null;
        Console.print(nothing);
        Console.println();
        for (long v : in) {
            int idx = (int) (v & 0x7fffffff) % GREETING.length();
            Console.printChar(GREETING.charAt(idx));
        }
        Console.println();
    }
}
