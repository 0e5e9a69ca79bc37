package dev.keel.proofs.mutation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test results of one module, read from its surefire XML reports: how many tests ran and which
 * failed (a failure or an error).
 */
record SurefireResults(int tests, List<String> failed) {

    private static final Pattern TESTCASE = Pattern.compile(
            "<testcase\\s[^>]*?name=\"([^\"]*)\"[^>]*?classname=\"([^\"]*)\"[^>]*?(/>|>)|"
                    + "<testcase\\s[^>]*?classname=\"([^\"]*)\"[^>]*?name=\"([^\"]*)\"[^>]*?(/>|>)");

    static SurefireResults read(Path reportsDir) throws IOException {
        int tests = 0;
        List<String> failed = new ArrayList<>();
        if (!Files.isDirectory(reportsDir)) {
            return new SurefireResults(0, failed);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(reportsDir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("TEST-")
                    && p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        for (Path f : files) {
            String xml = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = TESTCASE.matcher(xml);
            while (m.find()) {
                tests++;
                String name = m.group(1) != null ? m.group(1) : m.group(5);
                String cls = m.group(2) != null ? m.group(2) : m.group(4);
                String close = m.group(3) != null ? m.group(3) : m.group(6);
                if (close.equals(">")) {
                    int end = xml.indexOf("</testcase>", m.end());
                    String body = end < 0 ? "" : xml.substring(m.end(), end);
                    if (body.contains("<failure") || body.contains("<error")) {
                        failed.add(simple(cls) + "." + name);
                    }
                }
            }
        }
        return new SurefireResults(tests, List.copyOf(failed));
    }

    private static String simple(String cls) {
        int dot = cls.lastIndexOf('.');
        return dot < 0 ? cls : cls.substring(dot + 1);
    }
}
