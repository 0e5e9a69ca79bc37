package dev.keel.proofs;

import dev.keel.proofs.ContractCoverage.PublicMethod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractCoverageTest {

    static final String SRC = """
            package dev.keel.kernel.x;

            import java.util.List;

            /** A class. */
            public final class Foo {
                public static final int LIMIT = 4;
                private final int[] a = new int[] {1, 2};
                //@ public invariant a != null;

                /*@ public normal_behavior
                  @ ensures \\result == LIMIT;
                  @*/
                public int limit() { return LIMIT; }

                /** Javadoc only: no contract. */
                @SuppressWarnings("index") // why
                public int get(int i) {
                    String s = "}{(";
                    return a[i];
                }

                //@ requires i >= 0;
                public Foo(int i) { }

                public /*@ pure @*/ boolean pureOnly() { return true; }

                private void hidden() { }

                //@ ensures true;
                void packagePrivate() { }

                public static final class Inner {
                    public void run(int x, Foo f) { Object o = new Object() { public String toString() { return ""; } }; }
                }

                public enum Mode { A(1), B(2); Mode(int v) { } public int code() { return 0; } }
            }
            """;

    @Test
    void findsPublicMethodsAndWhetherTheyHaveAContract() {
        List<PublicMethod> ms = ContractCoverage.scan(SRC, "Foo.java");
        List<String> names = ms.stream().map(m -> m.type() + "." + m.signature() + "=" + m.hasContract()).toList();
        assertEquals(List.of("Foo.limit()=true", "Foo.get(int i)=false", "Foo.Foo(int i)=true",
                "Foo.pureOnly()=false", "Foo.Inner.run(int x, Foo f)=false", "Foo.Mode.code()=false"), names);
        assertTrue(ms.stream().allMatch(m -> m.pkg().equals("dev.keel.kernel.x")));
    }

    @Test
    void reportsTheLineOfTheDeclaration() {
        PublicMethod get = ContractCoverage.scan(SRC, "Foo.java").get(1);
        assertEquals(18, get.line());
        assertFalse(get.hasContract());
    }

    @Test
    void coverageReportListsUncoveredMethodsPerPackage() {
        String report = Reports.coverage(ContractCoverage.scan(SRC, "Foo.java"), "src");
        assertTrue(report.startsWith("Kernel public methods without a JML contract: 4 of 6"), report);
        assertTrue(report.contains("dev.keel.kernel.x: 4 of 6 without a contract"), report);
        assertTrue(report.contains("  Foo.get(int i)    Foo.java:18"), report);
    }

    @Test
    void interfaceMethodsArePublic() {
        List<PublicMethod> ms = ContractCoverage.scan(
                "package p; interface I { int f(); /*@ requires x > 0; @*/ void g(int x); }", "I.java");
        assertEquals(2, ms.size());
        assertFalse(ms.get(0).hasContract());
        assertTrue(ms.get(1).hasContract());
    }
}
