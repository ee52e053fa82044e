package dev.berth.core.spi;

import static java.util.Objects.requireNonNull;

/** The outcome of reloading one target (a container or a process). */
public record ReloadResult(String target, boolean ok, String detail) {
    public ReloadResult {
        requireNonNull(target, "target");
        requireNonNull(detail, "detail");
    }

    public static ReloadResult ok(String target, String detail) {
        return new ReloadResult(target, true, detail);
    }

    public static ReloadResult failed(String target, String detail) {
        return new ReloadResult(target, false, detail);
    }
}
