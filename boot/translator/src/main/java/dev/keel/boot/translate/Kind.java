package dev.keel.boot.translate;

import org.objectweb.asm.Type;

/**
 * The three kinds of value the subset computes with: 32-bit ints (also boolean, byte, short, char
 * once on the operand stack), 64-bit longs, and references. Floating point has no kind: it is
 * outside the subset.
 */
public enum Kind {
    INT("jint", "i"),
    LONG("jlong", "j"),
    REF("kobj *", "a");

    /** The C type a value of this kind has in locals and on the stack. */
    public final String cType;
    /** The suffix of C variable names holding this kind. */
    public final String suffix;

    Kind(String cType, String suffix) {
        this.cType = cType;
        this.suffix = suffix;
    }

    /** JVM category: longs take two stack words. */
    public int size() {
        return this == LONG ? 2 : 1;
    }

    /** The kind of a field, parameter or return type; null for void, float and double. */
    public static Kind of(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return INT;
            case Type.LONG:
                return LONG;
            case Type.ARRAY:
            case Type.OBJECT:
                return REF;
            default:
                return null;
        }
    }
}
