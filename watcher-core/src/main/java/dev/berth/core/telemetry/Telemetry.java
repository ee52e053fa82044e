package dev.berth.core.telemetry;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.ReloadResult;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the watcher tells about its work, for whoever counts it (metrics, a health probe). The core
 * only calls it; {@link #NONE}, bound by default, does nothing. Implementations must be quick and
 * must not throw: they are called on the pass's thread, on docker-java's stream thread and where a
 * reload is confirmed. Times are {@link System#nanoTime()} values.
 */
public interface Telemetry {

    Telemetry NONE = new Telemetry() {
    };

    /**
     * Docker sent an event. @param type Docker's event type ("container", "network") @param action
     * its action without detail ("start", "health_status", "connect" …)
     */
    default void eventReceived(String type, String action) {
    }

    /** Berth follows Docker's events: the daemon answers. Every call after the first is a reconnect. */
    default void dockerFollowed() {
    }

    /** Berth lost Docker's events (the stream ended or failed, a ping went unanswered); it reconnects. */
    default void dockerLost(String why) {
    }

    /** A pass begins. @param firstEvent when the earliest event it applies arrived; empty for a resync alone */
    default void passStarted(OptionalLong firstEvent) {
    }

    /** The pass read what it needed from Docker (whatever the proxy then made of it). */
    default void passSucceeded() {
    }

    /** The pass could not read from Docker; a full resync follows. */
    default void passFailed(String why) {
    }

    /** A new configuration was written to the output file (checked ahead or not). */
    default void configWritten() {
    }

    /** The proxy checked a configuration. */
    default void configChecked(boolean rejected) {
    }

    /** A configuration was not put into effect (render, write or check failed); the previous one stays. */
    default void configNotApplied(String why) {
    }

    /**
     * The groups (upstreams) that the proxy's check made Berth leave out of the configuration in
     * effect; empty when none. For the isolation of a rejected change: nothing calls it yet.
     */
    default void groupsLeftOutByProxy(Set<String> groups) {
    }

    /** The configuration for this snapshot is in effect without a reload: the file already held it. */
    default void configUnchanged(Snapshot snapshot) {
    }

    /**
     * The proxy was asked to reload for this snapshot; answers what to call with the reload's outcome
     * (the results, or the failure, as {@link java.util.concurrent.CompletionStage#whenComplete} gives them).
     */
    default BiConsumer<List<ReloadResult>, Throwable> reloadSent(Snapshot snapshot) {
        return (results, failure) -> {
        };
    }
}
