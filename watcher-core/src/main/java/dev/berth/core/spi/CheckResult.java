package dev.berth.core.spi;

import static java.util.Objects.requireNonNull;

/** The proxy's verdict on a configuration, from one target; {@code message} is the checker's own error text. */
public record CheckResult(String target, boolean ok, String message) {
    public CheckResult {
        requireNonNull(target, "target");
        requireNonNull(message, "message");
    }

    public static CheckResult passed(String target) {
        return new CheckResult(target, true, "");
    }

    public static CheckResult rejected(String target, String message) {
        return new CheckResult(target, false, message);
    }
}
