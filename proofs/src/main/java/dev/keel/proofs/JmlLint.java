package dev.keel.proofs;

import dev.keel.proofs.JavaTokens.Kind;
import dev.keel.proofs.JavaTokens.Token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JML constructs that are standard JML but that KeY 2.12 rejects, found without loading KeY. KeY stops
 * at the first error, and finding each bad file by loading costs a KeY load or several; these known
 * cases are found here at once, with their line, and their files' JML is switched off from the start.
 */
final class JmlLint {

    /** A location clause, up to its semicolon. */
    private static final Pattern LOCATION_CLAUSE = Pattern.compile(
            "\\b(assignable|modifies|modifiable|accessible)(_redundantly)?\\b([^;]*);");
    private static final Pattern ALL_FIELDS_OF_ELEMENTS = Pattern.compile("\\[\\s*\\*\\s*\\]\\s*\\.\\s*\\*");
    private static final Pattern OLD = Pattern.compile("\\\\old\\s*\\(");

    private JmlLint() {
    }

    /** Problems of one file: "line N: what". */
    static List<String> check(String source) {
        List<String> problems = new ArrayList<>();
        for (Token t : JavaTokens.lex(source)) {
            if (t.kind() != Kind.JML) {
                continue;
            }
            Matcher clause = LOCATION_CLAUSE.matcher(t.text());
            while (clause.find()) {
                int line = t.line() + count(t.text(), clause.start());
                String body = clause.group(3);
                if (ALL_FIELDS_OF_ELEMENTS.matcher(body).find()) {
                    problems.add("line " + line + ": 'a[*].*' in " + clause.group(1) + ": KeY has a[*] but not a[*].*;"
                            + " write \\infinite_union(int i; 0 <= i && i < a.length; a[i].*)");
                }
                if (OLD.matcher(body).find()) {
                    problems.add("line " + line + ": \\old in " + clause.group(1) + ": KeY rejects it and reads"
                            + " location clauses in the pre-state anyway; drop the \\old");
                }
            }
        }
        return problems;
    }

    /** The files under {@code root} with problems, relative path to "; "-joined problems. */
    static Map<Path, String> checkTree(Path root) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        for (Path rel : SourceCopy.javaFiles(root)) {
            List<String> p = check(Files.readString(root.resolve(rel), StandardCharsets.UTF_8));
            if (!p.isEmpty()) {
                out.put(rel, String.join("; ", p));
            }
        }
        return out;
    }

    private static int count(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
