package dev.keel.kernel.trace;

import dev.keel.hw.TraceSink;

/**
 * TLA+ text on the trace line: words, quoted strings, decimal numbers, the names the specs give
 * processes, slots and kernel objects. Writes byte by byte, so it allocates nothing.
 */
public final class TraceText {

    private TraceText() {
    }

    /** The characters of {@code text}, as they are. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static void word(TraceSink s, String text) {
        /*@ loop_invariant 0 <= i && i <= text.length();
          @ decreases text.length() - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < text.length(); i++) {
            s.write(text.charAt(i));
        }
    }

    /** {@code text} as a TLA+ string (the kernel's names contain no quote or backslash). */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static void string(TraceSink s, String text) {
        s.write('"');
        word(s, text);
        s.write('"');
    }

    /** A decimal number. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static void number(TraceSink s, long v) {
        if (v < 0) {
            s.write('-');
            if (v == Long.MIN_VALUE) {
                word(s, "9223372036854775808");
                return;
            }
            v = -v;
        }
        // div: the largest power of ten not above v (1 for v < 10). div <= v / 10 is v / div >= 10
        // without the product that could overflow.
        long div = 1;
        /*@ loop_invariant 1 <= div && (div == 1 || div <= v) && 0 <= v;
          @ decreases v - div;
          @ assignable \nothing;
          @*/
        while (div <= v / 10) {
            div = div * 10;
        }
        // Each digit by subtraction: rest < 10 * div holds on entry to every step, so a digit
        // never passes 9; no division by a variable, which the prover handles badly.
        long rest = v;
        /*@ loop_invariant 0 <= div && 0 <= rest;
          @ decreases div;
          @ assignable \nothing;
          @*/
        for (; div > 0; div = div / 10) {
            int d = 0;
            /*@ loop_invariant 0 <= d && d <= 9 && 0 <= rest;
              @ decreases 9 - d;
              @ assignable \nothing;
              @*/
            while (d < 9 && rest >= div) {
                rest = rest - div;
                d++;
            }
            s.write('0' + d);
        }
    }

    /** The spec's name of kernel process {@code p}: the string "p" followed by its index. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static void process(TraceSink s, int p) {
        s.write('"');
        s.write('p');
        number(s, p);
        s.write('"');
    }

    /** A slot reference {@code <<process, slot>>}; the spec numbers slots from 1. */
    /*@ public normal_behavior
      @ requires slot < Long.MAX_VALUE;
      @ assignable \nothing;
      @*/
    public static void ref(TraceSink s, int p, long slot) {
        word(s, "<<");
        process(s, p);
        word(s, ", ");
        number(s, slot + 1);
        word(s, ">>");
    }

    /** The spec's NoRef, the parent of an original capability. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static void noRef(TraceSink s) {
        word(s, "<<\"none\", 0>>");
    }

    /** The spec's name of an object: its type's name and its pool index, such as "Port3". */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static void object(TraceSink s, int type, int index) {
        s.write('"');
        word(s, typeName(type));
        number(s, index);
        s.write('"');
    }

    /** The spec's name of a capability type (spec CapTypes), "None" for an empty slot. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ String typeName(int type) {
        if (type == dev.keel.kernel.cap.CapType.MEMORY) {
            return "Memory";
        }
        if (type == dev.keel.kernel.cap.CapType.IO_PORT) {
            return "IoPort";
        }
        if (type == dev.keel.kernel.cap.CapType.PORT) {
            return "Port";
        }
        if (type == dev.keel.kernel.cap.CapType.PROCESS) {
            return "Process";
        }
        return type == dev.keel.kernel.cap.CapType.IRQ ? "Irq" : "None";
    }

    /** A set of rights, in the order read, write, grant. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public static void rights(TraceSink s, boolean read, boolean write, boolean grant) {
        s.write('{');
        boolean first = true;
        if (read) {
            word(s, "\"read\"");
            first = false;
        }
        if (write) {
            word(s, first ? "\"write\"" : ", \"write\"");
            first = false;
        }
        if (grant) {
            word(s, first ? "\"grant\"" : ", \"grant\"");
        }
        s.write('}');
    }
}
