package dev.keel.boot.translate;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;

/**
 * javac's string concatenation ({@code invokedynamic} to StringConcatFactory.makeConcatWithConstants),
 * allowed in test code only ({@link Program#testConveniences}): kernel code stays without it.
 * The recipe holds literal text, \1 for each argument and \2 for each constant.
 */
final class StringConcat {

    private StringConcat() {
    }

    static boolean isConcat(InvokeDynamicInsnNode indy) {
        return indy.bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")
                && indy.bsm.getName().equals("makeConcatWithConstants");
    }

    /** Why this concatenation cannot be translated, or null. */
    static String problem(InvokeDynamicInsnNode indy) {
        for (Type t : Type.getArgumentTypes(indy.desc)) {
            if (function(t) == null) {
                return "string concatenation of a " + t.getClassName() + " (only numbers, chars, booleans, Strings)";
            }
        }
        String recipe = (String) indy.bsmArgs[0];
        for (int i = 0; i < recipe.length(); i++) {
            if (recipe.charAt(i) > 0x7f) {
                return "string concatenation with non-ASCII text";
            }
        }
        for (int i = 1; i < indy.bsmArgs.length; i++) {
            if (!(indy.bsmArgs[i] instanceof String) && !(indy.bsmArgs[i] instanceof Integer)
                    && !(indy.bsmArgs[i] instanceof Long)) {
                return "string concatenation constant of type " + indy.bsmArgs[i].getClass().getSimpleName();
            }
        }
        return null;
    }

    private static String function(Type t) {
        switch (t.getSort()) {
            case Type.INT: case Type.SHORT: case Type.BYTE: case Type.LONG: return "keel_concat_long";
            case Type.CHAR: return "keel_concat_char";
            case Type.BOOLEAN: return "keel_concat_bool";
            case Type.OBJECT: return t.getInternalName().equals(Builtins.STRING) ? "keel_concat_string" : null;
            default: return null;
        }
    }

    /** C statements that build the string from {@code args} (C expressions) into {@code target}. */
    static String lower(InvokeDynamicInsnNode indy, List<String> args, String target, String where) {
        Type[] types = Type.getArgumentTypes(indy.desc);
        String recipe = (String) indy.bsmArgs[0];
        List<String> calls = new ArrayList<>();
        calls.add("keel_concat_begin();");
        StringBuilder text = new StringBuilder();
        int arg = 0;
        int constant = 1;
        for (int i = 0; i < recipe.length(); i++) {
            char ch = recipe.charAt(i);
            if (ch == '\u0001' || ch == '\u0002') {
                flush(text, calls);
                if (ch == '\u0001') {
                    calls.add(function(types[arg]) + "(" + args.get(arg) + ");");
                    arg++;
                } else {
                    text.append(indy.bsmArgs[constant++]);
                }
            } else {
                text.append(ch);
            }
        }
        flush(text, calls);
        calls.add(target + " = keel_concat_end(" + where + ");");
        return "{ " + String.join(" ", calls) + " }";
    }

    private static void flush(StringBuilder text, List<String> calls) {
        if (text.length() > 0) {
            calls.add("keel_concat_bytes(\"" + CEmitter.cEscape(text.toString()) + "\", " + text.length() + ");");
            text.setLength(0);
        }
    }
}
