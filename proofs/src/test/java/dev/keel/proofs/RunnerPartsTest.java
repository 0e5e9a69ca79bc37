package dev.keel.proofs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerPartsTest {

    @Test
    void classFilterMatchesSimpleQualifiedAndPackageNames() {
        assertTrue(ClassFilter.parse("").accepts("dev.keel.kernel.cap.Rights"));
        assertTrue(ClassFilter.parse("Rights").accepts("dev.keel.kernel.cap.Rights"));
        assertFalse(ClassFilter.parse("Rights").accepts("dev.keel.kernel.cap.MoreRights"));
        assertTrue(ClassFilter.parse("dev.keel.kernel.cap.Rights").accepts("dev.keel.kernel.cap.Rights"));
        assertTrue(ClassFilter.parse("Port, Rights").accepts("dev.keel.kernel.ipc.Port"));
        assertTrue(ClassFilter.parse("dev.keel.kernel.cap.*").accepts("dev.keel.kernel.cap.Capability"));
        assertFalse(ClassFilter.parse("dev.keel.kernel.cap.*").accepts("dev.keel.kernel.ipc.Port"));
    }

    @Test
    void switchingJmlOffKeepsLengthAndCode() {
        String src = "int x; /*@ ensures \\result > 0; @*/ int f() { return 1; } //@ invariant x > 0;\n";
        String off = SourceCopy.withoutJml(src);
        assertEquals(src.length(), off.length());
        assertFalse(off.contains("/*@") || off.contains("//@"));
        assertTrue(off.contains("int f() { return 1; }"));
    }

    @Test
    void classIsMappedToItsUnreadableFile() {
        Set<String> files = Set.of("dev/keel/kernel/ipc/Port.java");
        assertEquals("dev/keel/kernel/ipc/Port.java", ProofsMain.fileOfClass("dev.keel.kernel.ipc.Port", files));
        assertEquals("dev/keel/kernel/ipc/Port.java", ProofsMain.fileOfClass("dev.keel.kernel.ipc.Port.Entry", files));
        assertNull(ProofsMain.fileOfClass("dev.keel.kernel.ipc.Ipc", files));
    }

    @Test
    void knownKeyErrorsGetAHint() {
        assertTrue(LoadCheck.hint("JML construct \\old not allowed in this context.").contains("drop the \\old"));
        assertTrue(LoadCheck.hint("Method writable(long) not found! at Pte.java:26:25").contains("rename"));
        assertTrue(LoadCheck.hint("allFields(dev.keel.X[]::select(heap,self,f))").contains("\\infinite_union"));
        assertEquals("", LoadCheck.hint("something else"));
    }

    @Test
    void textReportHasOneRowPerContractWithOpenGoalsForOpenOnes() {
        String id = "p.A[p.A::f()].JML normal_behavior operation contract.0";
        String text = Reports.text(List.of(BaselineComparisonTest.open(id)), "Settings: x");
        String row = text.lines().filter(l -> l.startsWith("p.A")).findFirst().orElseThrow();
        assertTrue(row.matches("p\\.A\\s+m\\s+JML normal_behavior operation contract\\.0\\s+open\\s+20000\\s+9\\s+2"
                + "\\s+step bound 20000 reached"), row);
    }
}
