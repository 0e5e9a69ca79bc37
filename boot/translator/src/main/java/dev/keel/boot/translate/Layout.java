package dev.keel.boot.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * Pass 3b, part of lowering: the C names and the memory layout of the program.
 *
 * <ul>
 *   <li>Each class {@code C} becomes {@code struct C} whose first member is the object header
 *       ({@code kobj}: a pointer to the class descriptor {@code C__class}), then the instance fields
 *       of the superclasses, root first, then its own, in declaration order.</li>
 *   <li>Static fields are C globals {@code C_s_<name>}; methods are functions {@code C_<name>}.</li>
 *   <li>Virtual and interface calls that more than one instantiated class could answer go through
 *       one dispatch table per instantiated class, indexed by a selector numbered per signature
 *       (name + descriptor) over the whole program: vtable and itable in one, with no search.</li>
 * </ul>
 */
public final class Layout {

    private final Program program;
    private final Map<String, String> classNames = new HashMap<>();
    private final Map<String, String> methodNames = new HashMap<>();
    private final Map<String, String> memberNames = new HashMap<>();
    private final Map<String, List<FieldNode>> instanceFields = new HashMap<>();
    /** Dispatched signatures (name + desc) to selector numbers. */
    public final Map<String, Integer> selectors = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();

    public Layout(Program program) {
        this.program = program;
        for (String c : program.classes.keySet()) {
            classNames.put(c, unique(sanitize(simpleName(c))));
        }
        for (Program.Method m : program.methods.values()) {
            methodNames.put(m.key(), unique(cName(m.owner().name) + "_" + sanitize(m.node().name)));
        }
        for (List<String> site : program.virtualSites) {
            if (dispatchTarget(site.get(0), site.get(1)) == null) {
                selectors.putIfAbsent(site.get(1), selectors.size());
            }
        }
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    static String sanitize(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(ch) && ch < 128 ? ch : '_');
        }
        return b.toString();
    }

    private String unique(String base) {
        String n = base;
        for (int i = 2; !usedNames.add(n) || n.startsWith("keel_"); i++) {
            n = base + "_" + i;
        }
        return n;
    }

    /** The C identifier stem of a program class. */
    public String cName(String cls) {
        String n = classNames.get(cls);
        if (n == null) {
            throw new IllegalStateException("no C name for " + cls);
        }
        return n;
    }

    /** The class descriptor symbol of a program class, a builtin or an array type descriptor. */
    public String classSymbol(String cls) {
        if (cls.startsWith("[")) {
            return "keel_array_class_" + sanitize(cls.replace('[', 'A').replace(';', '_'));
        }
        if (cls.equals(Builtins.OBJECT)) {
            return "keel_Object_class";
        }
        if (cls.equals(Builtins.STRING)) {
            return "keel_String_class";
        }
        if (Builtins.THROWABLES.contains(cls)) {
            return "keel_" + simpleName(cls) + "_class";
        }
        return cName(cls) + "__class";
    }

    /** The C function of a translated method. */
    public String function(Program.Method m) {
        return methodNames.get(m.key());
    }

    /** Instance fields of {@code cls} in layout order (inherited first). */
    public List<FieldNode> fields(String cls) {
        return instanceFields.computeIfAbsent(cls, c -> {
            List<FieldNode> out = new ArrayList<>();
            for (String k : program.chain(c)) {
                for (FieldNode f : program.cls(k).fields) {
                    if ((f.access & Opcodes.ACC_STATIC) == 0) {
                        out.add(f);
                    }
                }
            }
            return out;
        });
    }

    /** The struct member of an instance field declared in {@code owner}. */
    public String member(String owner, String field) {
        return memberNames.computeIfAbsent(owner + "." + field, k -> {
            int depth = program.chain(owner).size();
            boolean shadowed = false;
            for (String c : program.chain(owner)) {
                if (!c.equals(owner) && ClassPool.declaredField(program.cls(c), field) != null) {
                    shadowed = true;
                }
            }
            return "f_" + sanitize(field) + (shadowed ? "_" + depth : "");
        });
    }

    /** The global of a static field declared in {@code owner}. */
    public String staticField(String owner, String field) {
        return cName(owner) + "_s_" + sanitize(field);
    }

    /** The C type of a field or array element of JVM type {@code t}. */
    public static String storageType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: return "jboolean";
            case Type.BYTE: return "jbyte";
            case Type.CHAR: return "jchar";
            case Type.SHORT: return "jshort";
            case Type.INT: return "jint";
            case Type.LONG: return "jlong";
            default: return "kobj *";
        }
    }

    /**
     * The single method a virtual call of {@code sig} on static type {@code owner} can run, or
     * null when instantiated classes disagree and the call must dispatch. Calls whose receivers
     * can only be null resolve to the declared method (the null check fires first).
     */
    public Program.Method dispatchTarget(String owner, String sig) {
        int paren = sig.indexOf('(');
        String name = sig.substring(0, paren);
        String desc = sig.substring(paren);
        Program.Method resolved = program.resolveMethod(owner, name, desc);
        if (resolved != null && (resolved.node().access & Opcodes.ACC_PRIVATE) != 0) {
            return resolved;
        }
        Program.Method only = null;
        for (String c : program.instantiatedSubtypes(owner)) {
            Program.Method impl = program.implementation(c, name, desc);
            if (impl == null) {
                return null; // an abstract method is reachable: dispatch and let the stub panic
            }
            if (only != null && !only.key().equals(impl.key())) {
                return null;
            }
            only = impl;
        }
        return only != null ? only : resolved;
    }

    /** See {@link Program#wholeLibrary}. */
    public boolean wholeLibrary() {
        return program.wholeLibrary;
    }

    public ClassNode node(String cls) {
        return program.cls(cls);
    }
}
