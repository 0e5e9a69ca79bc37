package dev.keel.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Writes the kernel's line of the build summary to target/summary.txt when the tests end. */
public final class SummaryListener implements TestExecutionListener {

    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private long start;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        start = System.currentTimeMillis();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            skipped.incrementAndGet();
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        String line = String.format("kernel: %d tests passed, %d failed, %d skipped (JUnit + jqwik on the "
                + "simulated machine, invariant self-checks on every kernel exit), %d s%n",
                passed.get(), failed.get(), skipped.get(), (System.currentTimeMillis() - start) / 1000);
        Path out = Path.of(System.getProperty("basedir", "."), "target", "summary.txt");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("summary not written: " + e.getMessage());
        }
    }
}
