package dev.keel.proofs;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Java lexer for the coverage scan: identifiers, symbols and JML comments, with line
 * numbers. Ordinary comments, string and character literals are dropped, so that braces and
 * parentheses inside them cannot confuse the scan.
 */
final class JavaTokens {

    enum Kind { WORD, SYMBOL, JML }

    record Token(Kind kind, String text, int line) {
        boolean is(String s) {
            return kind != Kind.JML && text.equals(s);
        }
    }

    private JavaTokens() {
    }

    static List<Token> lex(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
                if (src.startsWith("//@", i)) {
                    out.add(new Token(Kind.JML, src.substring(i + 3, end), line));
                }
                i = end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated comment starting on line " + line);
                }
                if (src.startsWith("/*@", i)) {
                    out.add(new Token(Kind.JML, src.substring(i + 3, end), line));
                }
                line += count(src, i, end, '\n');
                i = end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated text block starting on line " + line);
                }
                line += count(src, i, end, '\n');
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c) {
                    if (src.charAt(j) == '\\') {
                        j++;
                    }
                    if (j < n && src.charAt(j) == '\n') {
                        throw new IllegalArgumentException("unterminated literal on line " + line);
                    }
                    j++;
                }
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, src.substring(i, j), line));
                i = j;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }
}
