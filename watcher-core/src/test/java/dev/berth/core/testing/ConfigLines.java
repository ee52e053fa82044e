package dev.berth.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Printable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line shapes a renderer's template can produce, as regular expressions built from the value
 * forms below, so that a fuzz test can assert that no output line is anything else: a label that
 * added a directive, a line break or a stray character would match none of them.
 */
public final class ConfigLines {

    /** A group name, as the model allows it. */
    public static final String GROUP = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    /** A container name or id, as the model allows it. */
    public static final String PLAIN = "[A-Za-z0-9_.-]{0,255}";
    public static final String PORT = "(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})";
    public static final String WEIGHT = "(?:25[0-6]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]?)";
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    /** address:port, IPv6 in brackets (its exact syntax is the proxies' own check). */
    public static final String ENDPOINT = "(?:" + OCTET + "(?:\\." + OCTET + "){3}|\\[[0-9A-Fa-f:.]{2,45}\\]):" + PORT;
    /** Text with nothing that ends or disguises a line, as Printable makes it. */
    public static final String ONE_LINE = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]*";

    private ConfigLines() {
    }

    /** What a well-formed quoted string becomes before a line is matched (see {@link Quoting}). */
    public static final String QUOTED = "\"…\"";

    /**
     * A proxy's double-quoted strings: which escapes and which characters may appear inside. A
     * scanner, not one regular expression, because Java's regex engine recurses once per
     * alternative repeated and a 10,000-character value overflows its stack.
     */
    public record Quoting(Pattern escape, Pattern character) {

        /** Replaces every well-formed quoted string with {@link #QUOTED}; a malformed one stays, and matches no shape. */
        public String collapse(String line) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < line.length()) {
                int end = line.charAt(i) == '"' ? endOfString(line, i + 1) : -1;
                if (end < 0) {
                    out.append(line.charAt(i));
                    i++;
                } else {
                    out.append(QUOTED);
                    i = end + 1;
                }
            }
            return out.toString();
        }

        private int endOfString(String line, int from) {
            Matcher escapes = escape.matcher(line);
            Matcher characters = character.matcher(line);
            int i = from;
            while (i < line.length() && line.charAt(i) != '"') {
                if (escapes.region(i, line.length()).lookingAt()) {
                    i = escapes.end();
                } else if (characters.region(i, line.length()).lookingAt()) {
                    i = characters.end();
                } else {
                    return -1;
                }
            }
            return i < line.length() ? i : -1;
        }
    }

    /** Every line of the output (split at \n only, so a \r shows) matches one of the shapes. */
    public static void assertEveryLineIsOneOf(String output, List<Pattern> shapes) {
        assertEveryLineIsOneOf(output, shapes, new Quoting(Pattern.compile("(?!)"), Pattern.compile("(?!)")));
    }

    /** The same, with the proxy's well-formed quoted strings collapsed to {@link #QUOTED} first. */
    public static void assertEveryLineIsOneOf(String output, List<Pattern> shapes, Quoting quoting) {
        String[] lines = output.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = quoting.collapse(lines[i]);
            assertThat(shapes.stream().anyMatch(shape -> shape.matcher(line).matches()))
                    .as("line %d is not a line the template writes: %s", i + 1, Printable.of(line))
                    .isTrue();
        }
    }
}
