package dev.berth.cli.e2e;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints what a failed end-to-end test's parts logged (Berth's output, the proxy's log …) to stderr,
 * right after the test method and before {@code @AfterEach} removes the containers.
 */
public final class FailureDiagnostics implements AfterTestExecutionCallback {

    private final Map<String, Supplier<String>> sections = new LinkedHashMap<>();

    /** Adds a section to print should the test fail. */
    public void add(String title, Supplier<String> content) {
        sections.put(title, content);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            StringBuilder report = new StringBuilder("\n===== diagnostics of failed test ")
                    .append(context.getDisplayName()).append(" =====\n");
            sections.forEach((title, content) -> {
                report.append("----- ").append(title).append(" -----\n");
                try {
                    report.append(content.get());
                } catch (RuntimeException e) {
                    report.append("(unavailable: ").append(e).append(")");
                }
                report.append('\n');
            });
            System.err.print(report);
        }
        sections.clear();
    }
}
