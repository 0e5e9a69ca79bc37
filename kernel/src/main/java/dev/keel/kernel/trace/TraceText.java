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
        long div = 1;
        while (v / div >= 10) {
            div = div * 10;
        }
        for (; div > 0; div = div / 10) {
            s.write((int) ('0' + v / div % 10));
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
