package dev.berth.benchmarks;

import static java.util.Objects.requireNonNull;

/**
 * One measured figure: what, how much, in which unit; a detail that says what it was compared with
 * or how it spread; and the target it is held against, if the issue set one.
 */
public record Figure(String what, double value, String unit, String detail, Target target) {

    public Figure {
        requireNonNull(what, "what");
        requireNonNull(unit, "unit");
        requireNonNull(detail, "detail");
    }

    public static Figure of(String what, double value, String unit) {
        return new Figure(what, value, unit, "", null);
    }

    public Figure detail(String text) {
        return new Figure(what, value, unit, text, target);
    }

    /** Held against a target, e.g. {@code "≤ floor + 15 ms"}, met or not. */
    public Figure against(String text, boolean met) {
        return new Figure(what, value, unit, detail, new Target(text, met));
    }

    /** A target and whether the figure met it. */
    public record Target(String text, boolean met) {
        public Target {
            requireNonNull(text, "text");
        }
    }
}
