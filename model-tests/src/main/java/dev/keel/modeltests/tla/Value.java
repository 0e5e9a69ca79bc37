package dev.keel.modeltests.tla;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A TLA+ value as TLC prints it: integer, boolean, string, model value, finite set or function.
 * Records and tuples are functions (with string keys, with keys 1..n), as in TLA+, so a record
 * parsed from TLC compares equal to the same record built from the kernel's state. Values are
 * immutable and totally ordered, which gives sets and functions one canonical form.
 */
public abstract sealed class Value implements Comparable<Value> {

    /** Rank of the kind, to order values of different kinds. */
    abstract int rank();

    /** The value in TLA+ syntax; functions other than records and tuples need module TLC. */
    public abstract String tla();

    @Override
    public String toString() {
        return tla();
    }

    public static Value of(long n) {
        return new Int(n);
    }

    public static Value of(boolean b) {
        return new Bool(b);
    }

    public static Value str(String s) {
        return new Str(s);
    }

    public static Value model(String name) {
        return new ModelValue(name);
    }

    public static Value set(Collection<? extends Value> members) {
        return new SetV(new TreeSet<>(members));
    }

    public static Value set(Value... members) {
        return set(List.of(members));
    }

    public static Value tuple(Value... items) {
        return tuple(List.of(items));
    }

    public static Value tuple(List<? extends Value> items) {
        TreeMap<Value, Value> m = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            m.put(of(i + 1), items.get(i));
        }
        return new Fn(m);
    }

    /** A record from alternating field names and values. */
    public static Value record(Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("record needs field/value pairs");
        }
        TreeMap<Value, Value> m = new TreeMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            m.put(str((String) fieldsAndValues[i]), (Value) fieldsAndValues[i + 1]);
        }
        return new Fn(m);
    }

    public static Value fn(Map<Value, Value> map) {
        return new Fn(new TreeMap<>(map));
    }

    /** The field or argument {@code key} of a function; error when absent. */
    public Value apply(Value key) {
        if (this instanceof Fn f && f.map.containsKey(key)) {
            return f.map.get(key);
        }
        throw new IllegalArgumentException("no " + key.tla() + " in " + abbreviate(tla()));
    }

    public Value get(String field) {
        return apply(str(field));
    }

    public Value at(int index) {
        return apply(of(index));
    }

    /** The members of a set; error when this is not a set. */
    public TreeSet<Value> members() {
        if (this instanceof SetV s) {
            return s.members;
        }
        throw new IllegalArgumentException("not a set: " + abbreviate(tla()));
    }

    /** The items 1..n of a tuple, in order; the empty list for anything that has no item 1. */
    public List<Value> items() {
        List<Value> out = new ArrayList<>();
        for (int i = 1; this instanceof Fn f && f.map.containsKey(of(i)); i++) {
            out.add(f.map.get(of(i)));
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    @Override
    public int compareTo(Value o) {
        int r = Integer.compare(rank(), o.rank());
        return r != 0 ? r : compareSame(o);
    }

    abstract int compareSame(Value o);

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && compareTo(v) == 0;
    }

    @Override
    public abstract int hashCode();

    public static final class Int extends Value {
        public final long n;

        Int(long n) {
            this.n = n;
        }

        int rank() {
            return 0;
        }

        public String tla() {
            return Long.toString(n);
        }

        int compareSame(Value o) {
            return Long.compare(n, ((Int) o).n);
        }

        public int hashCode() {
            return Long.hashCode(n);
        }
    }

    public static final class Bool extends Value {
        public final boolean b;

        Bool(boolean b) {
            this.b = b;
        }

        int rank() {
            return 1;
        }

        public String tla() {
            return b ? "TRUE" : "FALSE";
        }

        int compareSame(Value o) {
            return Boolean.compare(b, ((Bool) o).b);
        }

        public int hashCode() {
            return Boolean.hashCode(b);
        }
    }

    public static final class Str extends Value {
        public final String s;

        Str(String s) {
            this.s = Objects.requireNonNull(s);
        }

        int rank() {
            return 2;
        }

        public String tla() {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }

        int compareSame(Value o) {
            return s.compareTo(((Str) o).s);
        }

        public int hashCode() {
            return s.hashCode();
        }
    }

    public static final class ModelValue extends Value {
        public final String name;

        ModelValue(String name) {
            this.name = name;
        }

        int rank() {
            return 3;
        }

        public String tla() {
            return name;
        }

        int compareSame(Value o) {
            return name.compareTo(((ModelValue) o).name);
        }

        public int hashCode() {
            return name.hashCode() * 31;
        }
    }

    public static final class SetV extends Value {
        public final TreeSet<Value> members;

        SetV(TreeSet<Value> members) {
            this.members = members;
        }

        int rank() {
            return 4;
        }

        public String tla() {
            StringBuilder b = new StringBuilder("{");
            String sep = "";
            for (Value v : members) {
                b.append(sep).append(v.tla());
                sep = ", ";
            }
            return b.append('}').toString();
        }

        int compareSame(Value o) {
            return compareSeq(new ArrayList<>(members), new ArrayList<>(((SetV) o).members));
        }

        public int hashCode() {
            return members.hashCode();
        }
    }

    /** A function with a finite domain; a record or a tuple when its domain says so. */
    public static final class Fn extends Value {
        public final TreeMap<Value, Value> map;

        Fn(TreeMap<Value, Value> map) {
            this.map = map;
        }

        int rank() {
            return 5;
        }

        public boolean isTuple() {
            int i = 1;
            for (Value k : map.keySet()) {
                if (!(k instanceof Int n) || n.n != i++) {
                    return false;
                }
            }
            return true;
        }

        public boolean isRecord() {
            if (map.isEmpty()) {
                return false;
            }
            for (Value k : map.keySet()) {
                if (!(k instanceof Str s) || !s.s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    return false;
                }
            }
            return true;
        }

        public String tla() {
            StringBuilder b = new StringBuilder();
            String sep = "";
            if (isTuple()) {
                b.append("<<");
                for (Value v : map.values()) {
                    b.append(sep).append(v.tla());
                    sep = ", ";
                }
                return b.append(">>").toString();
            }
            if (isRecord()) {
                b.append('[');
                for (Map.Entry<Value, Value> e : map.entrySet()) {
                    b.append(sep).append(((Str) e.getKey()).s).append(" |-> ").append(e.getValue().tla());
                    sep = ", ";
                }
                return b.append(']').toString();
            }
            b.append('(');
            for (Map.Entry<Value, Value> e : map.entrySet()) {
                b.append(sep).append(e.getKey().tla()).append(" :> ").append(e.getValue().tla());
                sep = " @@ ";
            }
            return b.append(')').toString();
        }

        int compareSame(Value o) {
            Fn f = (Fn) o;
            int r = compareSeq(new ArrayList<>(map.keySet()), new ArrayList<>(f.map.keySet()));
            return r != 0 ? r : compareSeq(new ArrayList<>(map.values()), new ArrayList<>(f.map.values()));
        }

        public int hashCode() {
            return map.hashCode();
        }
    }

    static int compareSeq(List<Value> a, List<Value> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int r = a.get(i).compareTo(b.get(i));
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
