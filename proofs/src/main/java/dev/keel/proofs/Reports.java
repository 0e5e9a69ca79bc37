package dev.keel.proofs;

import dev.keel.proofs.ContractCoverage.PublicMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text and HTML renderings of the proof results and of the contract coverage. */
final class Reports {

    private Reports() {
    }

    /** The short name of a contract within its method: KeY's id after the target, e.g. "JML normal_behavior operation contract.0". */
    static String contractName(String id) {
        int close = id.indexOf("].");
        return close < 0 ? id : id.substring(close + 2);
    }

    static String simpleClass(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    static String text(List<ContractResult> results, String settings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"class", "method", "contract", "result", "steps", "ms", "open goals", "class axioms",
            "reason"});
        for (ContractResult r : results) {
            rows.add(new String[] {r.className(), r.method(), contractName(r.id()), r.status(),
                Integer.toString(r.steps()), Long.toString(r.millis()),
                r.closed() ? "" : Integer.toString(r.openGoals()), r.delayedAxioms() ? "delayed" : "free", r.reason()});
        }
        int[] width = new int[9];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("KeY proof report\n").append(settings).append("\n\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean numeric = c == 4 || c == 5 || c == 6;
                String cell = numeric ? pad(row[c], width[c], true) : pad(row[c], width[c], false);
                line.append(cell).append(c + 1 < row.length ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The files whose JML KeY cannot read, with KeY's error; empty when KeY read everything. */
    static String unreadable(Map<String, String> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("KeY cannot read the JML of " + files.size()
                + " file(s); their JML was switched off and their contracts were not proved:\n");
        files.forEach((f, e) -> sb.append("  ").append(f).append(": ").append(e).append('\n'));
        return sb.append('\n').toString();
    }

    static String html(List<ContractResult> results, String settings, String summary, Map<String, String> unreadable) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>KeY proof report</title>\n")
          .append("<style>body{font-family:sans-serif}table{border-collapse:collapse}")
          .append("td,th{border:1px solid #999;padding:2px 6px;text-align:left}td.n{text-align:right}")
          .append("tr.closed td.r{background:#cfc}tr.open td.r{background:#fcc}</style></head><body>\n")
          .append("<h1>KeY proof report</h1>\n<p>").append(esc(summary)).append("</p>\n<p>")
          .append(esc(settings)).append("</p>\n");
        if (!unreadable.isEmpty()) {
            sb.append("<h2>Files whose JML KeY cannot read (not proved)</h2>\n<ul>\n");
            unreadable.forEach((f, e) -> sb.append("<li><b>").append(esc(f)).append("</b>: ").append(esc(e))
                    .append("</li>\n"));
            sb.append("</ul>\n");
        }
        sb.append("<table>\n<tr><th>class</th><th>method</th><th>contract</th>")
          .append("<th>result</th><th>steps</th><th>ms</th><th>open goals</th><th>class axioms</th><th>reason</th></tr>\n");
        for (ContractResult r : results) {
            sb.append("<tr class=\"").append(r.status()).append("\" title=\"").append(esc(r.id())).append("\">")
              .append("<td>").append(esc(r.className())).append("</td>")
              .append("<td>").append(esc(r.method())).append("</td>")
              .append("<td>").append(esc(contractName(r.id()))).append("</td>")
              .append("<td class=\"r\">").append(r.status()).append("</td>")
              .append("<td class=\"n\">").append(r.steps()).append("</td>")
              .append("<td class=\"n\">").append(r.millis()).append("</td>")
              .append("<td class=\"n\">").append(r.closed() ? "" : Integer.toString(r.openGoals())).append("</td>")
              .append("<td>").append(r.delayedAxioms() ? "delayed" : "free").append("</td>")
              .append("<td>").append(esc(r.reason())).append("</td></tr>\n");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    /** Public methods without a contract, per package, with the totals per package. */
    static String coverage(List<PublicMethod> methods, String root) {
        Map<String, List<PublicMethod>> byPkg = new TreeMap<>();
        Map<String, Integer> totalByPkg = new TreeMap<>();
        for (PublicMethod m : methods) {
            totalByPkg.merge(m.pkg(), 1, Integer::sum);
            byPkg.computeIfAbsent(m.pkg(), k -> new ArrayList<>());
            if (!m.hasContract()) {
                byPkg.get(m.pkg()).add(m);
            }
        }
        long missing = methods.stream().filter(m -> !m.hasContract()).count();
        StringBuilder sb = new StringBuilder();
        sb.append("Kernel public methods without a JML contract: ").append(missing).append(" of ")
          .append(methods.size()).append(" (scanned ").append(root).append(")\n");
        for (Map.Entry<String, List<PublicMethod>> e : byPkg.entrySet()) {
            sb.append('\n').append(e.getKey()).append(": ").append(e.getValue().size()).append(" of ")
              .append(totalByPkg.get(e.getKey())).append(" without a contract\n");
            for (PublicMethod m : e.getValue()) {
                sb.append("  ").append(m.type()).append('.').append(m.signature())
                  .append("    ").append(m.file()).append(':').append(m.line()).append('\n');
            }
        }
        return sb.toString();
    }

    /** "dev.keel.kernel.cap 1, dev.keel.kernel.ipc 2" for the packages with methods lacking a contract. */
    static String coverageByPackage(List<PublicMethod> methods) {
        Map<String, Integer> missing = new TreeMap<>();
        for (PublicMethod m : methods) {
            if (!m.hasContract()) {
                missing.merge(m.pkg(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        missing.forEach((pkg, n) -> parts.add(pkg + " " + n));
        return String.join(", ", parts);
    }

    private static String pad(String s, int w, boolean right) {
        if (s.length() >= w) {
            return s;
        }
        String fill = " ".repeat(w - s.length());
        return right ? fill + s : s + fill;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
