package dev.berth.benchmarks;

import java.nio.file.Path;

/**
 * How a run is set: {@code smoke} makes every benchmark small (a few rounds, small sizes) so that CI
 * proves it still runs; its figures are not for publishing. {@code work} is a scratch folder of the
 * run; {@code berthJar} the runnable Berth; {@code benchmarksJar} this program's own jar, for the
 * benchmarks that fork a JVM.
 */
public record Settings(boolean smoke, Path work, Path berthJar, Path benchmarksJar) {

    /** {@code full} in a full run, else {@code smoke}: a size or count picked by the run's kind. */
    public int pick(int smoke, int full) {
        return this.smoke ? smoke : full;
    }
}
