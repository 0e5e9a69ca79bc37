package dev.keel.boot.translate;

import java.util.Set;

/**
 * The part of java.lang the translator provides. Kernel code sees no other JDK class.
 *
 * <ul>
 *   <li>{@code java.lang.Object}: the root class; only its constructor may be called.</li>
 *   <li>{@code java.lang.String}: string literals only (constant byte data), with
 *       {@code length()} and {@code charAt(int)}; see {@link Intrinsics}.</li>
 *   <li>The throwables listed in {@link #THROWABLES}: {@code new X()} or {@code new X(String)}
 *       followed by {@code throw}. Throwing is a panic that names the class, method and line;
 *       catching is outside the subset.</li>
 *   <li>{@code java.lang.Enum}: built by {@link EnumClass}, so enums translate as classes.</li>
 *   <li>{@code assert}: {@code Class.desiredAssertionStatus} is the C constant KEEL_ASSERTIONS
 *       (1 unless compiled with -DKEEL_ASSERTIONS=0); a failed assert is a panic.</li>
 *   <li>{@code clone()} of arrays (enum {@code values()} uses it).</li>
 *   <li>{@code Math.min/max/abs}, {@code System.arraycopy} and a few bit helpers of Integer and
 *       Long, as intrinsics (see {@link Intrinsics}).</li>
 * </ul>
 */
public final class Builtins {

    public static final String OBJECT = "java/lang/Object";
    public static final String STRING = "java/lang/String";

    /** Throwables that may be constructed and thrown (each throw is a panic). */
    public static final Set<String> THROWABLES = Set.of(
            "java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException",
            "java/lang/Error", "java/lang/AssertionError", "java/lang/IllegalStateException",
            "java/lang/IllegalArgumentException", "java/lang/UnsupportedOperationException",
            "java/lang/IndexOutOfBoundsException");

    private Builtins() {
    }

    /** True for the classes the translator provides instead of reading them. */
    public static boolean isBuiltinClass(String internalName) {
        return internalName.equals(OBJECT) || internalName.equals(STRING) || THROWABLES.contains(internalName);
    }

    /** True for names in the JDK's namespaces, which the program may not define or read. */
    public static boolean isJdkName(String internalName) {
        if (internalName.equals(EnumClass.NAME)) {
            return false; // the translator's own, see EnumClass
        }
        return internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/");
    }
}
