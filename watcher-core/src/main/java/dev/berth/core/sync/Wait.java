package dev.berth.core.sync;

import static java.util.Objects.requireNonNull;

import dev.berth.core.spi.UsageException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long changes are gathered into one pass (see {@link Coalescing}).
 *
 * @param min the quiet time a pass waits for when changes follow closely on the previous pass
 * @param max the longest a steady stream of changes can hold back a pass
 */
public record Wait(Duration min, Duration max) {

    /**
     * A lone change never waits, so MIN costs a single start nothing. A pass with the proxy's check
     * and the confirmation takes 0.2–2 s on a busy 2-core machine (ReloadDisciplineIT), and the
     * events of a burst that arrive meanwhile make one more pass; 300 ms of quiet catches the tail
     * of a burst that Docker delivers close together (20 starts: 2 reloads), and 2 s bounds what a
     * steady stream can hold back, as docker-gen's usual -wait 500ms:2s does.
     */
    public static final Wait DEFAULT = new Wait(Duration.ofMillis(300), Duration.ofSeconds(2));

    /**
     * The longest a container told to stop waits for others to join its pass (see {@link Coalescing}),
     * or MAX if shorter: enough for the SIGTERMs of a parallel stop (Compose, `docker stop a b c`),
     * which arrive within tens of ms, and far below the shortest grace a container is usually given
     * (`docker stop -t 1`). Its exit does not wait at all.
     */
    private static final Duration REMOVAL = Duration.ofMillis(100);

    /** No coalescing: every batch of events is applied as soon as it is read. */
    public static final Wait NONE = new Wait(Duration.ZERO, Duration.ZERO);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    public Wait {
        requireNonNull(min, "min");
        requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max: " + min + ", " + max);
        }
    }

    /** "0", "300ms", "50ms:2s"; without MAX, MAX is 4 × MIN (as consul-template does). */
    public static Wait parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length > 2) {
            throw usage(text);
        }
        Duration min = duration(parts[0], text);
        Duration max = parts.length == 2 ? duration(parts[1], text) : min.multipliedBy(4);
        if (max.compareTo(min) < 0) {
            throw new UsageException("--wait " + text + ": MAX must not be shorter than MIN");
        }
        return new Wait(min, max);
    }

    /** How long a removal may wait for other changes to join its pass: {@link #REMOVAL}, or MAX if shorter. */
    public Duration removal() {
        return max.compareTo(REMOVAL) < 0 ? max : REMOVAL;
    }

    public boolean off() {
        return min.isZero();
    }

    private static Duration duration(String part, String whole) {
        Matcher m = DURATION.matcher(part.strip());
        if (!m.matches()) {
            throw usage(whole);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (amount != 0) {
                throw usage(whole);
            }
            return Duration.ZERO;
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static UsageException usage(String text) {
        return new UsageException("--wait " + text + " is not MIN[:MAX] with units, e.g. 300ms:2s, or 0 to turn coalescing off");
    }

    @Override
    public String toString() {
        return off() ? "0" : min.toMillis() + "ms:" + max.toMillis() + "ms";
    }
}
