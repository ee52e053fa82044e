package dev.berth.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A change Berth has just written: what the file held before (what the proxy runs, as far as Berth
 * knows) and what it holds now. A reloader that can change a running proxy directly compares the
 * two to choose between a runtime update and a reload (see {@link Reloader#apply}).
 *
 * @param previous empty when there was no file before
 */
public record ConfigChange(Optional<String> previous, String next) {
    public ConfigChange {
        requireNonNull(previous, "previous");
        requireNonNull(next, "next");
    }
}
