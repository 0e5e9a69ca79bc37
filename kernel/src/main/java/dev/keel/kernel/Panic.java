package dev.keel.kernel;

import dev.keel.hw.Machine;
import dev.keel.hw.Serial;

/**
 * Stopping the kernel when it can no longer be trusted. Panics are kept for the kernel's own
 * failures: corrupted state found by a self-check, a security violation found inside the kernel,
 * a hardware fault, and a deadlock among kernel structures. User input never panics.
 * A panic prints {@code PANIC <reason>: <where>} on the serial line and halts every CPU; from then
 * on every kernel entry returns at once.
 */
public final class Panic {

    public static final int NONE = 0;
    public static final int CORRUPTION = 1;
    public static final int SECURITY = 2;
    public static final int HARDWARE = 3;
    public static final int DEADLOCK = 4;

    /*@ spec_public @*/ private final Machine machine;
    /*@ spec_public @*/ private int reason;
    /*@ spec_public @*/ private long detail;

    /*@ public normal_behavior
      @ ensures reason == NONE;
      @ assignable \nothing;
      @*/
    public Panic(Machine machine) {
        this.machine = machine;
    }

    /*@ public normal_behavior
      @ ensures \result == (reason != NONE);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean panicked() {
        return reason != NONE;
    }

    /*@ public normal_behavior
      @ ensures \result == reason;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int reason() {
        return reason;
    }

    /** The detail code given with the panic (a hardware error code, a check number). */
    /*@ public normal_behavior
      @ ensures \result == detail;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long detail() {
        return detail;
    }

    /** Stops the kernel for {@code why}, naming {@code where} (class and method). */
    /*@ public normal_behavior
      @ requires why != NONE;
      @ ensures reason == why || \old(reason) != NONE;
      @ ensures \old(reason) != NONE ==> reason == \old(reason) && detail == \old(detail);
      @ assignable reason, detail;
      @*/
    public void panic(int why, String where, long code) {
        if (reason != NONE) {
            return;
        }
        reason = why;
        detail = code;
        Serial s = machine.serial();
        print(s, "PANIC ");
        print(s, name(why));
        print(s, ": ");
        print(s, where);
        s.write('\n');
        int cpus = machine.cpuCount();
        /*@ loop_invariant 0 <= c && c <= cpus;
          @ decreases cpus - c;
          @ assignable \nothing;
          @*/
        for (int c = 0; c < cpus; c++) {
            machine.cpu(c).halt();
        }
    }

    // The contract makes the name one term in panic's proof; without it the body is inlined
    // and everything after it is proved once per reason.
    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private static String name(int why) {
        if (why == CORRUPTION) {
            return "corruption";
        }
        if (why == SECURITY) {
            return "security";
        }
        return why == HARDWARE ? "hardware" : "deadlock";
    }

    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void print(Serial s, String text) {
        /*@ loop_invariant 0 <= i && i <= text.length();
          @ decreases text.length() - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < text.length(); i++) {
            s.write(text.charAt(i));
        }
    }
}
