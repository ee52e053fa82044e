package dev.berth.core.model;

/**
 * A value as it may appear in a one-line message: length bounded, and every character that could
 * break or disguise a log line escaped as a {@code \}{@code u} escape with four hex digits —
 * control characters (newlines, ANSI escapes), line and paragraph separators, and invisible format
 * characters (bidirectional overrides, zero-width characters). A backslash is doubled, so that an
 * escape can never be mistaken for the same text in the value.
 */
public final class Printable {

    private static final int MAX_CODE_POINTS = 80;

    private Printable() {
    }

    public static String of(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_CODE_POINTS).forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (hidden(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_CODE_POINTS ? out + "…" : out.toString();
    }

    private static boolean hidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
