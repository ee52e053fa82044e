package dev.berth.core.model;

/** A value as it may appear in a one-line message: control characters escaped, length bounded. */
public final class Printable {

    private static final int MAX_CODE_POINTS = 80;

    private Printable() {
    }

    public static String of(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_CODE_POINTS).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_CODE_POINTS ? out + "…" : out.toString();
    }
}
