package dev.berth.core.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Filters that write any value (a label, typically) as one quoted argument of a proxy's
 * configuration: whatever the value holds, it cannot end the argument, the line or the directive,
 * nor start a comment. docs/templates.md documents them.
 */
final class ProxyQuoting {

    /**
     * The most bytes a quoted value takes, quotes included: nginx rejects any word over 4 KiB (a
     * comment too), and HAProxy lines are short as well, so a longer value is cut.
     */
    static final int MAX_BYTES = 1024;

    private ProxyQuoting() {
    }

    static List<Filter> filters() {
        return List.of(filter("nginx_quote", ProxyQuoting::nginx), filter("haproxy_quote", ProxyQuoting::haproxy));
    }

    /**
     * An nginx double-quoted string. nginx un-escapes \" \\ \n \r \t there and has no escape for
     * other control characters, so they become U+FFFD, as does half a surrogate pair (not UTF-8).
     * nginx has no escape for '$' either: where a directive takes variables, '$name' stays a
     * variable (docs/templates.md says so).
     */
    static String nginx(String value) {
        return quoted(value, c -> switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE
                    ? "\uFFFD" : Character.toString(c);
        });
    }

    /**
     * A HAProxy double-quoted string in which every byte outside a plain ASCII set is written as
     * \xHH, which HAProxy decodes: no quote, backslash, '$' (environment variable), '#', newline or
     * control byte is left for its parser to act on. NUL cannot be carried and half a surrogate pair
     * is not UTF-8: both become U+FFFD.
     */
    static String haproxy(String value) {
        return quoted(value, c -> {
            if (c < 0x80 && (Character.isLetterOrDigit(c) || " _.,:/@+=-".indexOf(c) >= 0)) {
                return Character.toString(c);
            }
            int codePoint = c == 0 || Character.getType(c) == Character.SURROGATE ? 0xFFFD : c;
            StringBuilder escaped = new StringBuilder();
            for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
                escaped.append(String.format("\\x%02x", b & 0xff));
            }
            return escaped.toString();
        });
    }

    /** The value between double quotes, each code point written as {@code write} says, cut at {@link #MAX_BYTES}. */
    private static String quoted(String value, CodePointWriter write) {
        StringBuilder out = new StringBuilder("\"");
        int bytes = 2;
        for (int c : value.codePoints().toArray()) {
            String piece = write.of(c);
            bytes += piece.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                break;
            }
            out.append(piece);
        }
        return out.append('"').toString();
    }

    @FunctionalInterface
    private interface CodePointWriter {
        String of(int codePoint);
    }

    private static Filter filter(String name, UnaryOperator<String> quote) {
        return new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return quote.apply(var == null ? "" : var.toString());
            }
        };
    }
}
