package dev.berth.signal;

import java.util.regex.Pattern;

/** The one line of a checker's output that says what is wrong, e.g. nginx's [emerg] or HAProxy's [ALERT]. */
final class CheckerOutput {

    private static final Pattern ERROR = Pattern.compile("(?i).*\\[(emerg|alert|crit|error)].*");
    private static final int MAX_LENGTH = 400;

    private CheckerOutput() {
    }

    static String firstError(String output, long exitCode) {
        String line = output.lines().filter(l -> ERROR.matcher(l).matches()).findFirst()
                .or(() -> output.lines().filter(l -> !l.isBlank()).findFirst())
                .orElse("it exited " + exitCode + " and printed nothing")
                .strip()
                .replaceAll("\\s+", " ");
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
    }
}
