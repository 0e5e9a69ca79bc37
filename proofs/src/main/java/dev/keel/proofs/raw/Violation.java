package dev.keel.proofs.raw;

/**
 * One raw access by a class that may not make it.
 *
 * @param caller   the class, dotted
 * @param method   the method, with its descriptor ({@code <clinit>} for static initialisers, or
 *                 {@code <class>} for the class header)
 * @param what     the access: {@code calls X.m(desc)}, {@code reads field X.f}, {@code declares native ...}, ...
 * @param target   the raw member or class, dotted, as the exceptions file names it ({@code X.m} or {@code X})
 * @param location source file and line when the class file has them
 */
record Violation(String caller, String method, String what, String target, String location) {

    /** The line printed for the violation. */
    String describe() {
        return caller + "." + method + " " + what + (location.isEmpty() ? "" : " (" + location + ")");
    }
}
