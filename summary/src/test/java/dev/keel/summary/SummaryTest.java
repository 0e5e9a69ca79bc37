package dev.keel.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

    @Test
    void parseReadsCountsFromTheSuiteElement() {
        String xml = "<?xml version=\"1.0\"?>\n<testsuite name=\"x\" time=\"1.2\" tests=\"7\" errors=\"1\" skipped=\"2\" failures=\"3\">"
                + "<testcase name=\"a\"/></testsuite>";
        Summary.Totals t = Summary.parse(xml);
        assertEquals(new Summary.Totals(7, 3, 1, 2), t);
        assertEquals(1, t.passed());
    }

    @Test
    void renderPrintsModuleLinesInOrderAndTotals(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("proofs/target"));
        Files.writeString(root.resolve("proofs/target/summary.txt"), "KeY: 3 contracts, 3 closed\n");
        Files.createDirectories(root.resolve("spec/target/surefire-reports"));
        Files.writeString(root.resolve("spec/target/summary.txt"), "TLC: 1 model\n");
        Files.writeString(root.resolve("spec/target/surefire-reports/TEST-a.xml"),
                "<testsuite tests=\"4\" failures=\"0\" errors=\"0\" skipped=\"1\"></testsuite>");
        String out = Summary.render(root);
        assertTrue(out.indexOf("TLC: 1 model") < out.indexOf("KeY: 3 contracts"), out);
        assertTrue(out.contains("tests: 3 passed, 0 failed, 1 skipped"), out);
    }
}
