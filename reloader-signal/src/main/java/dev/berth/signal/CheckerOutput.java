package dev.berth.signal;

import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ContainerControl.ExecResult;
import java.util.regex.Pattern;

/** The one line of a checker's output that says what is wrong, e.g. nginx's [emerg] or HAProxy's [ALERT]. */
final class CheckerOutput {

    private static final Pattern ERROR = Pattern.compile("(?i).*\\[(emerg|alert|crit|error)].*");
    /** nginx's "2026/11/24 20:20:25 " and "8#8: ", HAProxy's "(11) : ": noise in a one-line message. */
    private static final Pattern NOISE = Pattern.compile("^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d |(?<=] )(\\d+#\\d+: |\\(\\d+\\) : )");
    private static final int MAX_LENGTH = 400;

    private CheckerOutput() {
    }

    /** Passed when the checker exited 0; else rejected with its first error line. */
    static CheckResult verdict(String target, ExecResult result) {
        return result.exitCode() == 0 ? CheckResult.passed(target)
                : CheckResult.rejected(target, firstError(result.output(), result.exitCode()));
    }

    static String firstError(String output, long exitCode) {
        String line = output.lines().filter(l -> ERROR.matcher(l).matches()).findFirst()
                .or(() -> output.lines().filter(l -> !l.isBlank()).findFirst())
                .orElse("it exited " + exitCode + " and printed nothing")
                .strip()
                .replaceAll("\\s+", " ");
        line = NOISE.matcher(line).replaceAll("");
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
    }
}
