package dev.keel.proofs.mutation;

import java.util.ArrayList;
import java.util.List;

/** The mutant x stage table, as Markdown. */
final class KillMatrix {

    static final List<String> STAGES = List.of("Checker", "KeY", "unit/property tests", "conformance");

    /** One row: a mutant and its result in each stage, in {@link #STAGES} order. */
    record Row(Mutant mutant, List<StageResult> results, long seconds) {

        boolean killed() {
            return results.stream().anyMatch(StageResult::kills);
        }

        List<String> killers() {
            List<String> k = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).kills()) {
                    k.add(STAGES.get(i));
                }
            }
            return k;
        }
    }

    private KillMatrix() {
    }

    static String markdown(List<Row> rows, String header) {
        StringBuilder b = new StringBuilder();
        b.append(header);
        long killed = rows.stream().filter(Row::killed).count();
        b.append("\n**").append(killed).append(" of ").append(rows.size()).append(" mutants killed.**");
        for (String stage : STAGES) {
            int i = STAGES.indexOf(stage);
            long n = rows.stream().filter(r -> r.results().get(i).kills()).count();
            b.append(" ").append(stage).append(": ").append(n).append(".");
        }
        b.append("\n\n| mutant | killed by | ");
        b.append(String.join(" | ", STAGES)).append(" |\n|---|---|");
        b.append("---|".repeat(STAGES.size())).append('\n');
        for (Row r : rows) {
            b.append("| `").append(r.mutant().name()).append("` | ");
            b.append(r.killed() ? String.join(", ", r.killers()) : "**SURVIVED**").append(" | ");
            for (StageResult s : r.results()) {
                b.append(escape(s.cell())).append(" | ");
            }
            b.setLength(b.length() - 1);
            b.append('\n');
        }
        b.append("\n| mutant | class | bug | s |\n|---|---|---|---|\n");
        for (Row r : rows) {
            String cls = r.mutant().className();
            b.append("| `").append(r.mutant().name()).append("` | ").append(cls.substring(cls.lastIndexOf('.') + 1))
                    .append(" | ").append(escape(r.mutant().description())).append(" | ").append(r.seconds()).append(" |\n");
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
