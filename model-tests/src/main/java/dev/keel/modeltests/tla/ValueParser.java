package dev.keel.modeltests.tla;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a TLA+ value in the form TLC prints states: integers, TRUE/FALSE, strings, model values,
 * {@code {..}}, {@code <<..>>}, {@code [f |-> v, ..]} and {@code (k :> v @@ ..)}.
 */
public final class ValueParser {

    private final String s;
    private int pos;

    private ValueParser(String s) {
        this.s = s;
    }

    /** The one value in {@code text}; error when anything else follows it. */
    public static Value parse(String text) {
        ValueParser p = new ValueParser(text);
        Value v = p.value();
        p.skipSpace();
        if (p.pos != p.s.length()) {
            throw p.error("end of value");
        }
        return v;
    }

    private Value value() {
        skipSpace();
        if (pos >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(pos);
        if (c == '{') {
            pos++;
            return Value.set(list('}'));
        }
        if (s.startsWith("<<", pos)) {
            pos += 2;
            return Value.tuple(list('>'));
        }
        if (c == '[') {
            return record();
        }
        if (c == '(') {
            return function();
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            return Value.of(Long.parseLong(s.substring(start, pos)));
        }
        String id = identifier();
        if (id.equals("TRUE") || id.equals("FALSE")) {
            return Value.of(id.equals("TRUE"));
        }
        return Value.model(id);
    }

    /** Comma-separated values up to {@code close} ('>' means '>>'). */
    private List<Value> list(char close) {
        List<Value> out = new ArrayList<>();
        skipSpace();
        if (atClose(close)) {
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            if (atClose(close)) {
                return out;
            }
            expect(",");
        }
    }

    private boolean atClose(char close) {
        String token = close == '>' ? ">>" : String.valueOf(close);
        if (s.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private Value record() {
        expect("[");
        TreeMap<Value, Value> m = new TreeMap<>();
        while (true) {
            skipSpace();
            String f = identifier();
            skipSpace();
            expect("|->");
            m.put(Value.str(f), value());
            skipSpace();
            if (s.startsWith("]", pos)) {
                pos++;
                return Value.fn(m);
            }
            expect(",");
        }
    }

    private Value function() {
        expect("(");
        TreeMap<Value, Value> m = new TreeMap<>();
        while (true) {
            Value k = value();
            skipSpace();
            expect(":>");
            m.put(k, value());
            skipSpace();
            if (s.startsWith(")", pos)) {
                pos++;
                return Value.fn(m);
            }
            expect("@@");
        }
    }

    private Value string() {
        expect("\"");
        StringBuilder b = new StringBuilder();
        while (pos < s.length() && s.charAt(pos) != '"') {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            b.append(c);
        }
        expect("\"");
        return Value.str(b.toString());
    }

    private String identifier() {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("a value");
        }
        return s.substring(start, pos);
    }

    private void expect(String token) {
        skipSpace();
        if (!s.startsWith(token, pos)) {
            throw error("'" + token + "'");
        }
        pos += token.length();
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String wanted) {
        int from = Math.max(0, pos - 30);
        int to = Math.min(s.length(), pos + 30);
        return new IllegalArgumentException("TLA+ value: expected " + wanted + " at offset " + pos
            + " near '" + s.substring(from, to) + "'");
    }
}
