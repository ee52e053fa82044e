package dev.berth.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of putting a change into effect on one target (a container or a process).
 *
 * @param runtime whether the running proxy was changed directly, without a reload
 */
public record ReloadResult(String target, boolean ok, String detail, boolean runtime) {
    public ReloadResult {
        requireNonNull(target, "target");
        requireNonNull(detail, "detail");
    }

    public ReloadResult(String target, boolean ok, String detail) {
        this(target, ok, detail, false);
    }

    public static ReloadResult ok(String target, String detail) {
        return new ReloadResult(target, true, detail);
    }

    public static ReloadResult failed(String target, String detail) {
        return new ReloadResult(target, false, detail);
    }

    /** The running proxy took the change without a reload, and it was confirmed. */
    public static ReloadResult updatedAtRuntime(String target, String detail) {
        return new ReloadResult(target, true, detail, true);
    }
}
