package dev.keel.proofs;

import dev.keel.proofs.JavaTokens.Kind;
import dev.keel.proofs.JavaTokens.Token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the public methods and constructors of the kernel and whether a JML contract precedes each.
 * A contract is a JML comment between the previous member and the declaration that holds a
 * specification clause (requires, ensures, assignable, a behavior heading, ...); a JML comment with
 * only modifiers such as {@code pure} or {@code helper} is not a contract.
 */
public final class ContractCoverage {

    /** One public method or constructor. {@code type} is the class name, nested classes as Outer.Inner. */
    public record PublicMethod(String pkg, String type, String signature, String file, int line,
                               boolean hasContract) {
    }

    private static final Pattern CLAUSE = Pattern.compile(
            "\\b(normal_behaviou?r|exceptional_behaviou?r|behaviou?r|requires|ensures|assignable|modifies|"
                    + "signals|signals_only|diverges|accessible|measured_by)");

    private ContractCoverage() {
    }

    public static List<PublicMethod> scanTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("kernel source folder not found: " + root);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<PublicMethod> all = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            try {
                all.addAll(scan(text, root.relativize(f).toString()));
            } catch (IllegalArgumentException e) {
                throw new IOException(f + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    private static final class Frame {
        final String name;
        final boolean isType;
        final boolean isInterface;

        Frame(String name, boolean isType, boolean isInterface) {
            this.name = name;
            this.isType = isType;
            this.isInterface = isInterface;
        }
    }

    /** Scans one compilation unit. */
    public static List<PublicMethod> scan(String source, String file) {
        List<Token> t = JavaTokens.lex(source);
        List<PublicMethod> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        String pkg = "";
        List<Token> header = new ArrayList<>();
        List<String> jml = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            Token tok = t.get(i);
            Frame top = stack.peek();
            boolean inBlock = top != null && !top.isType;
            if (inBlock) {
                if (tok.is("{")) {
                    stack.push(new Frame("", false, false));
                } else if (tok.is("}")) {
                    stack.pop();
                    if (stack.peek() == null || stack.peek().isType) {
                        header.clear();
                        jml.clear();
                    }
                }
                i++;
                continue;
            }
            if (tok.kind() == Kind.JML) {
                jml.add(tok.text());
                i++;
                continue;
            }
            if (stack.isEmpty() && tok.is("package")) {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < t.size() && !t.get(i).is(";")) {
                    sb.append(t.get(i).text());
                    i++;
                }
                pkg = sb.toString();
                i++;
                continue;
            }
            if (tok.is("@") && i + 1 < t.size() && !t.get(i + 1).is("interface")) {
                i = skipAnnotation(t, i + 1);
                continue;
            }
            if (isTypeKeyword(t, i)) {
                boolean isInterface = tok.is("interface");
                boolean isEnum = tok.is("enum");
                String name = t.get(i + 1).text();
                String qualified = top == null ? name : top.name + "." + name;
                i += 2;
                while (i < t.size() && !t.get(i).is("{")) {
                    i++;
                }
                stack.push(new Frame(qualified, true, isInterface));
                i++;
                if (isEnum) {
                    i = skipEnumConstants(t, i);
                }
                header.clear();
                jml.clear();
                continue;
            }
            if (top == null) {
                // Imports and stray tokens outside any type.
                i++;
                continue;
            }
            if (tok.is("{")) {
                stack.push(new Frame("", false, false));
                i++;
            } else if (tok.is("}")) {
                stack.pop();
                header.clear();
                jml.clear();
                i++;
            } else if (tok.is(";")) {
                header.clear();
                jml.clear();
                i++;
            } else if (tok.is("=")) {
                i = skipTo(t, i, ";") + 1;
                header.clear();
                jml.clear();
            } else if (tok.is("(") && !header.isEmpty() && header.get(header.size() - 1).kind() == Kind.WORD) {
                String name = header.get(header.size() - 1).text();
                int close = matching(t, i, "(", ")");
                StringBuilder params = new StringBuilder();
                for (int k = i + 1; k < close; k++) {
                    Token p = t.get(k);
                    if (p.kind() == Kind.JML) {
                        continue;
                    }
                    if (params.length() > 0 && p.kind() == Kind.WORD
                            && t.get(k - 1).kind() == Kind.WORD) {
                        params.append(' ');
                    }
                    params.append(p.text());
                    if (p.is(",")) {
                        params.append(' ');
                    }
                }
                boolean declaredPublic = header.stream().anyMatch(h -> h.is("public"));
                boolean isPublic = declaredPublic
                        || (top.isInterface && header.stream().noneMatch(h -> h.is("private")));
                if (isPublic) {
                    boolean contract = jml.stream().anyMatch(j -> CLAUSE.matcher(j).find());
                    out.add(new PublicMethod(pkg, top.name, name + "(" + params + ")", file,
                            header.get(header.size() - 1).line(), contract));
                }
                i = close + 1;
                while (i < t.size() && !t.get(i).is("{") && !t.get(i).is(";")) {
                    i++;
                }
                // The body, if any, is skipped as a block; its closing brace ends the member.
                if (i < t.size() && t.get(i).is("{")) {
                    stack.push(new Frame("", false, false));
                } else {
                    header.clear();
                    jml.clear();
                }
                i++;
            } else {
                header.add(tok);
                i++;
            }
        }
        return out;
    }

    private static boolean isTypeKeyword(List<Token> t, int i) {
        Token tok = t.get(i);
        if (!(tok.is("class") || tok.is("interface") || tok.is("enum") || tok.is("record"))) {
            return false;
        }
        // "Foo.class" is a literal, not a declaration; "record" is only a keyword before a name.
        if (i > 0 && t.get(i - 1).is(".")) {
            return false;
        }
        return i + 1 < t.size() && t.get(i + 1).kind() == Kind.WORD;
    }

    private static int skipAnnotation(List<Token> t, int i) {
        // name, possibly qualified
        i++;
        while (i + 1 < t.size() && t.get(i).is(".") && t.get(i + 1).kind() == Kind.WORD) {
            i += 2;
        }
        if (i < t.size() && t.get(i).is("(")) {
            i = matching(t, i, "(", ")") + 1;
        }
        return i;
    }

    /** Skips an enum's constant list: up to the first ';' at depth 0, or to the closing brace. */
    private static int skipEnumConstants(List<Token> t, int i) {
        int depth = 0;
        while (i < t.size()) {
            Token tok = t.get(i);
            if (tok.is("(") || tok.is("{")) {
                depth++;
            } else if (tok.is(")") || (tok.is("}") && depth > 0)) {
                depth--;
            } else if (tok.is("}")) {
                return i;
            } else if (tok.is(";") && depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** Index of the first {@code end} at bracket depth 0 from i. */
    private static int skipTo(List<Token> t, int i, String end) {
        int depth = 0;
        while (i < t.size()) {
            Token tok = t.get(i);
            if (tok.is("(") || tok.is("{") || tok.is("[")) {
                depth++;
            } else if (tok.is(")") || tok.is("}") || tok.is("]")) {
                depth--;
            } else if (depth == 0 && tok.is(end)) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("missing '" + end + "' after line " + t.get(t.size() - 1).line());
    }

    private static int matching(List<Token> t, int open, String o, String c) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).is(o)) {
                depth++;
            } else if (t.get(i).is(c)) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced '" + o + "' on line " + t.get(open).line());
    }
}
