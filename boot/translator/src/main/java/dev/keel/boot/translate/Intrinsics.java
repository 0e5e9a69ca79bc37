package dev.keel.boot.translate;

import java.util.HashMap;
import java.util.Map;

/**
 * Methods the translator does not translate but replaces by a C function of the runtime
 * ({@code keel_rt.h}). Three groups:
 *
 * <ol>
 *   <li>the java.lang helpers the subset provides ({@link Builtins});</li>
 *   <li>the console of hosted test programs, {@link Console};</li>
 *   <li>the x86-64 hardware intrinsics: {@code static native} methods of the designated classes in
 *       {@code dev.keel.hw.x86}. In the freestanding build they are inline assembly; in the hosted
 *       build port I/O, control registers, MSRs and physical memory are simulated in memory, cli
 *       and sti toggle a simulated flag, rdtsc and pause run for real, and hlt panics (a hosted
 *       process has nothing to wait for).</li>
 * </ol>
 *
 * Each entry's C function takes the Java arguments in order; when {@code site} is set it also
 * takes the method name and line for its panics.
 */
public final class Intrinsics {

    /** One replaced method. */
    public record Entry(String owner, String name, String desc, String cFunction, boolean site, boolean hardware) {
    }

    public static final String X86 = "dev/keel/hw/x86/";
    public static final String CONSOLE = "dev/keel/boot/translate/Console";
    public static final String JUNIT = "org/junit/jupiter/api/Assertions";

    private static final Map<String, Entry> TABLE = new HashMap<>();

    static {
        // java.lang
        add("java/lang/String", "length", "()I", "keel_string_length", true);
        add("java/lang/String", "charAt", "(I)C", "keel_string_charAt", true);
        add("java/lang/String", "equals", "(Ljava/lang/Object;)Z", "keel_string_equals", true);
        add("java/lang/String", "startsWith", "(Ljava/lang/String;)Z", "keel_string_starts_with", true);
        add("java/lang/String", "getBytes", "(Ljava/nio/charset/Charset;)[B", "keel_string_bytes", true);
        add("java/lang/Math", "min", "(II)I", "keel_min_i", false);
        add("java/lang/Math", "max", "(II)I", "keel_max_i", false);
        add("java/lang/Math", "abs", "(I)I", "keel_abs_i", false);
        add("java/lang/Math", "min", "(JJ)J", "keel_min_j", false);
        add("java/lang/Math", "max", "(JJ)J", "keel_max_j", false);
        add("java/lang/Math", "abs", "(J)J", "keel_abs_j", false);
        add("java/lang/Integer", "bitCount", "(I)I", "keel_bitcount_i", false);
        add("java/lang/Integer", "numberOfLeadingZeros", "(I)I", "keel_nlz_i", false);
        add("java/lang/Integer", "numberOfTrailingZeros", "(I)I", "keel_ntz_i", false);
        add("java/lang/Long", "bitCount", "(J)I", "keel_bitcount_j", false);
        add("java/lang/Long", "numberOfLeadingZeros", "(J)I", "keel_nlz_j", false);
        add("java/lang/Long", "numberOfTrailingZeros", "(J)I", "keel_ntz_j", false);
        add("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", "keel_arraycopy", true);
        add("java/lang/Class", "desiredAssertionStatus", "()Z", "keel_assertions_enabled", false);
        add("java/lang/Integer", "compare", "(II)I", "keel_compare_i", false);
        add("java/lang/Long", "compare", "(JJ)I", "keel_compare_j", false);
        add("java/lang/Integer", "compareUnsigned", "(II)I", "keel_compare_unsigned_i", false);
        add("java/lang/Long", "compareUnsigned", "(JJ)I", "keel_compare_unsigned_j", false);
        add("java/lang/Integer", "toUnsignedLong", "(I)J", "keel_to_unsigned_long", false);
        add("java/lang/Math", "addExact", "(II)I", "keel_add_exact_i", true);
        add("java/lang/Math", "subtractExact", "(II)I", "keel_sub_exact_i", true);
        add("java/lang/Math", "multiplyExact", "(II)I", "keel_mul_exact_i", true);
        add("java/lang/Math", "addExact", "(JJ)J", "keel_add_exact_j", true);
        add("java/lang/Math", "subtractExact", "(JJ)J", "keel_sub_exact_j", true);
        add("java/lang/Math", "multiplyExact", "(JJ)J", "keel_mul_exact_j", true);
        add("java/lang/Math", "toIntExact", "(J)I", "keel_to_int_exact", true);
        add("java/lang/Math", "floorMod", "(II)I", "keel_floor_mod_i", true);
        add("java/lang/Math", "floorDiv", "(II)I", "keel_floor_div_i", true);
        add("java/lang/Math", "floorMod", "(JJ)J", "keel_floor_mod_j", true);
        add("java/lang/Math", "floorDiv", "(JJ)J", "keel_floor_div_j", true);
        // JUnit 5 assertions, so that kernel unit tests can run natively (a failure is a panic)
        String a = JUNIT;
        String msg = "Ljava/lang/String;";
        add(a, "assertTrue", "(Z)V", "keel_assert_true", true);
        add(a, "assertTrue", "(Z" + msg + ")V", "keel_assert_true_m", true);
        add(a, "assertFalse", "(Z)V", "keel_assert_false", true);
        add(a, "assertFalse", "(Z" + msg + ")V", "keel_assert_false_m", true);
        for (String t : new String[] {"I", "S", "B", "C"}) {
            add(a, "assertEquals", "(" + t + t + ")V", "keel_assert_equals_i", true);
            add(a, "assertEquals", "(" + t + t + msg + ")V", "keel_assert_equals_i_m", true);
            add(a, "assertNotEquals", "(" + t + t + ")V", "keel_assert_not_equals_i", true);
        }
        add(a, "assertEquals", "(JJ)V", "keel_assert_equals_j", true);
        add(a, "assertEquals", "(JJ" + msg + ")V", "keel_assert_equals_j_m", true);
        add(a, "assertNotEquals", "(JJ)V", "keel_assert_not_equals_j", true);
        add(a, "assertNull", "(Ljava/lang/Object;)V", "keel_assert_null", true);
        add(a, "assertNull", "(Ljava/lang/Object;" + msg + ")V", "keel_assert_null_m", true);
        add(a, "assertNotNull", "(Ljava/lang/Object;)V", "keel_assert_not_null", true);
        add(a, "assertNotNull", "(Ljava/lang/Object;" + msg + ")V", "keel_assert_not_null_m", true);
        add(a, "assertSame", "(Ljava/lang/Object;Ljava/lang/Object;)V", "keel_assert_same", true);
        add(a, "assertNotSame", "(Ljava/lang/Object;Ljava/lang/Object;)V", "keel_assert_not_same", true);
        String obj = "Ljava/lang/Object;";
        add(a, "assertEquals", "(" + obj + obj + ")V", "keel_assert_equals_obj", true);
        add(a, "assertEquals", "(" + obj + obj + msg + ")V", "keel_assert_equals_obj_m", true);
        add(a, "assertNotEquals", "(" + obj + obj + ")V", "keel_assert_not_equals_obj", true);
        add(a, "assertNotEquals", "(" + obj + obj + msg + ")V", "keel_assert_not_equals_obj_m", true);
        add(a, "assertNotEquals", "(JJ" + msg + ")V", "keel_assert_not_equals_j_m", true);
        add(a, "assertNotEquals", "(II" + msg + ")V", "keel_assert_not_equals_i_m", true);
        add(a, "assertArrayEquals", "([B[B)V", "keel_assert_array_equals_b", true);
        add(a, "assertArrayEquals", "([B[B" + msg + ")V", "keel_assert_array_equals_b_m", true);
        add(a, "fail", "(" + msg + ")Ljava/lang/Object;", "keel_assert_fail", true);
        add(a, "fail", "()Ljava/lang/Object;", "keel_assert_fail0", true);
        add("dev/keel/boot/translate/TestStringBuilder", "bytesToString", "([BI)Ljava/lang/String;", "keel_string_make", true);
        add("java/lang/StringBuilder", "bytesToString", "([BI)Ljava/lang/String;", "keel_string_make", true);
        // console of hosted test programs
        add(CONSOLE, "print", "(Ljava/lang/String;)V", "keel_console_string", true);
        add(CONSOLE, "print", "(I)V", "keel_console_int", false);
        add(CONSOLE, "print", "(J)V", "keel_console_long", false);
        add(CONSOLE, "print", "(Z)V", "keel_console_bool", false);
        add(CONSOLE, "printChar", "(C)V", "keel_console_char", false);
        add(CONSOLE, "println", "()V", "keel_console_newline", false);
        // x86-64: port I/O
        hw("Ports", "inb", "(I)I", "keel_x86_inb");
        hw("Ports", "inw", "(I)I", "keel_x86_inw");
        hw("Ports", "inl", "(I)I", "keel_x86_inl");
        hw("Ports", "outb", "(II)V", "keel_x86_outb");
        hw("Ports", "outw", "(II)V", "keel_x86_outw");
        hw("Ports", "outl", "(II)V", "keel_x86_outl");
        // x86-64: control registers and the TLB
        hw("ControlRegisters", "readCr0", "()J", "keel_x86_read_cr0");
        hw("ControlRegisters", "writeCr0", "(J)V", "keel_x86_write_cr0");
        hw("ControlRegisters", "readCr2", "()J", "keel_x86_read_cr2");
        hw("ControlRegisters", "readCr3", "()J", "keel_x86_read_cr3");
        hw("ControlRegisters", "writeCr3", "(J)V", "keel_x86_write_cr3");
        hw("ControlRegisters", "readCr4", "()J", "keel_x86_read_cr4");
        hw("ControlRegisters", "writeCr4", "(J)V", "keel_x86_write_cr4");
        hw("ControlRegisters", "invlpg", "(J)V", "keel_x86_invlpg");
        // x86-64: model-specific registers
        hw("Msr", "read", "(I)J", "keel_x86_rdmsr");
        hw("Msr", "write", "(IJ)V", "keel_x86_wrmsr");
        // x86-64: processor control
        hw("Cpu", "cli", "()V", "keel_x86_cli");
        hw("Cpu", "sti", "()V", "keel_x86_sti");
        hw("Cpu", "hlt", "()V", "keel_x86_hlt");
        hw("Cpu", "rdtsc", "()J", "keel_x86_rdtsc");
        hw("Cpu", "pause", "()V", "keel_x86_pause");
        // x86-64: physical memory; narrow loads are zero-extended
        hw("PhysicalMemory", "load8", "(J)I", "keel_phys_load8");
        hw("PhysicalMemory", "load16", "(J)I", "keel_phys_load16");
        hw("PhysicalMemory", "load32", "(J)I", "keel_phys_load32");
        hw("PhysicalMemory", "load64", "(J)J", "keel_phys_load64");
        hw("PhysicalMemory", "store8", "(JI)V", "keel_phys_store8");
        hw("PhysicalMemory", "store16", "(JI)V", "keel_phys_store16");
        hw("PhysicalMemory", "store32", "(JI)V", "keel_phys_store32");
        hw("PhysicalMemory", "store64", "(JJ)V", "keel_phys_store64");
    }

    private Intrinsics() {
    }

    private static void add(String owner, String name, String desc, String c, boolean site) {
        TABLE.put(owner + "." + name + desc, new Entry(owner, name, desc, c, site, false));
    }

    private static void hw(String cls, String name, String desc, String c) {
        TABLE.put(X86 + cls + "." + name + desc, new Entry(X86 + cls, name, desc, c, false, true));
    }

    /**
     * JDK static fields the subset reads as constants: the charsets (every string literal is
     * ASCII, so they all give the same bytes). The value is a C expression.
     */
    public static String staticField(String owner, String name) {
        if (owner.equals("java/nio/charset/StandardCharsets")
                && (name.equals("US_ASCII") || name.equals("UTF_8") || name.equals("ISO_8859_1"))) {
            return "0 /* charset: literals are ASCII */";
        }
        return null;
    }

    /** The entry for a call, or null when the method is translated normally. */
    public static Entry lookup(String owner, String name, String desc) {
        return TABLE.get(owner + "." + name + desc);
    }

    /** Every entry (for documentation and tests). */
    public static Map<String, Entry> all() {
        return Map.copyOf(TABLE);
    }

    /** True when {@code owner} is a class whose methods are all intrinsics, never translated. */
    public static boolean isIntrinsicClass(String owner) {
        return owner.equals(CONSOLE) || owner.startsWith(X86) && !owner.substring(X86.length()).contains("/")
                && TABLE.values().stream().anyMatch(e -> e.owner.equals(owner));
    }
}
