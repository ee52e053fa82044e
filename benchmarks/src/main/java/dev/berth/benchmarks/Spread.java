package dev.berth.benchmarks;

import java.util.List;

/** The median and 95th percentile of a set of measurements (nearest rank), with how many there were. */
public record Spread(double p50, double p95, double min, double max, int count) {

    public static Spread of(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return new Spread(rank(sorted, 0.50), rank(sorted, 0.95), sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    private static double rank(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** For a figure's detail: "n=20, min 51, max 90". */
    public String describe(String unit) {
        return String.format(java.util.Locale.ROOT, "n=%d, min %.0f %s, max %.0f %s", count, min, unit, max, unit);
    }
}
