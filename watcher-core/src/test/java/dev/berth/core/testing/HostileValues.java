package dev.berth.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Label values and names meant to break a proxy configuration: a fixed list of known attacks and
 * edge cases, then random mixtures of their pieces. Deterministic for a seed; the seed and count
 * are printed, and -Dberth.fuzz.seed / -Dberth.fuzz.count replace them.
 */
public final class HostileValues {

    public static final long DEFAULT_SEED = 20_261_124L;
    public static final int DEFAULT_COUNT = 2_000;

    /** Pieces that mean something to nginx, HAProxy, Jinja, a shell, a terminal or a log reader. */
    private static final List<String> PIECES = List.of(
            "'", "\"", "`", ";", "{", "}", "#", "\n", "\r", "\r\n", "\t", "\0", "\u000b", "\f", "\u001b[31m",
            "\u0007", "\u007f", "\u0085", "\\", "\\n", "\\x0a", "\\\"", "$var", "${x}", "$host", "$(id)", "%[src]", "%%",
            "{{ x }}", "{{ 7*7 }}", "{% include '/etc/passwd' %}", "{# c #}", "{%", "%}", "}}",
            "a; server evil:1", "x\nserver evil 1.2.3.4:80", "; }\nupstream evil {", "\nbackend evil\n", " backup",
            " weight=999", " down", " check", "server", "upstream", "include /etc/passwd;", "http-request deny",
            "\u202e", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "😀", "e\u0301", "８０", "٨٠", "ｗｅｂ",
            "\ud800", "é", "中文", " ", "\u00a0", "\u3000",
            "0", "-1", "65535", "65536", "1e3", " 80", "80 ", "0x50", "+80", "08", "80", "256", "257", "5", "999999999999",
            "true", "TRUE", "false", "yes", "1",
            "1.2.3.4", "256.1.1.1", "::1", "[::1]", "fe80::1%eth0", "10.0.0.1/8", "172.18.0.3:80", "localhost",
            "web", "WEB", "Web", "web_nw", "web.v2", "-web", ".web", "_web", "a-", "a..b", "..", "/", "/web");

    private final long seed;
    private final int count;

    public HostileValues(long seed, int count) {
        this.seed = seed;
        this.count = count;
    }

    /** The seed and count of -Dberth.fuzz.seed / -Dberth.fuzz.count, else the defaults; says which. */
    public static HostileValues fromSystemProperties() {
        long seed = Long.getLong("berth.fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("berth.fuzz.count", DEFAULT_COUNT);
        System.out.printf("hostile values: seed %d, count %d (-Dberth.fuzz.seed=%d -Dberth.fuzz.count=%d to repeat)%n",
                seed, count, seed, count);
        return new HostileValues(seed, count);
    }

    public long seed() {
        return seed;
    }

    /** {@code count} distinct values: every piece alone first, then random mixtures. */
    public List<String> values() {
        Random random = new Random(seed);
        Set<String> values = new LinkedHashSet<>(PIECES);
        values.add("");
        values.add("a".repeat(10_000));
        values.add("web;".repeat(3_000));
        values.add("\n".repeat(10_001));
        values.add("😀".repeat(6_000));
        while (values.size() < count) {
            values.add(mixture(random));
        }
        return new ArrayList<>(values).subList(0, count);
    }

    private static String mixture(Random random) {
        StringBuilder value = new StringBuilder();
        if (random.nextInt(3) == 0) {
            // A valid-looking start, so that a parser that stops early would take it.
            value.append(List.of("80", "5", "web", "true", "web_nw", "10.0.0.1").get(random.nextInt(6)));
        }
        int pieces = 1 + random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(6)) {
                case 0 -> value.appendCodePoint(randomCodePoint(random));
                case 1 -> value.append((char) ('a' + random.nextInt(26)));
                default -> value.append(PIECES.get(random.nextInt(PIECES.size())));
            }
        }
        if (random.nextInt(100) == 0) {
            return value.toString().repeat(10_000 / value.length() + 1);
        }
        return value.toString();
    }

    /** Mostly the troublesome ranges: C0/C1 controls, bidi and zero-width marks, surrogates, CJK, emoji. */
    private static int randomCodePoint(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(0x20);
            case 1 -> 0x7f + random.nextInt(0x21);
            case 2 -> 0x2000 + random.nextInt(0x70);
            case 3 -> 0xd800 + random.nextInt(0x800);
            default -> random.nextInt(0x10ffff + 1);
        };
    }
}
