package dev.keel.boot.translate;

/**
 * A static method the translated program starts from, and the C symbol it is exported as.
 * {@code desc} is a JVM method descriptor, e.g. {@code ([J)V}.
 */
public record EntryPoint(String owner, String name, String desc, String symbol) {

    /** An entry {@code owner.name(desc)} exported as {@code symbol}; owner may use dots. */
    public static EntryPoint of(String owner, String name, String desc, String symbol) {
        return new EntryPoint(owner.replace('.', '/'), name, desc, symbol);
    }
}
