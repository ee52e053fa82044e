package dev.berth.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Makes the proxy load the configuration Berth has just written. */
public interface Reloader {

    /**
     * Signals every target now, and confirms the reloads off the caller's thread: the stage completes
     * with one result per target, failures included (it does not complete exceptionally for them).
     * The caller goes on with the next pass meanwhile, so a slow proxy does not hold up the next
     * change; a reloader that is asked again before its last reload is confirmed waits for that
     * confirmation before it signals again.
     */
    CompletionStage<List<ReloadResult>> reload();

    /**
     * Puts a written change into effect, in the way this reloader chooses for it: a proxy that can
     * take some changes while it runs (HAProxy's Runtime API) takes those so, and reloads for the
     * rest. Confirmed either way, as {@link #reload} is; a result made without a reload says so
     * ({@link ReloadResult#runtime}), and is confirmed before this returns (the stage is complete), so
     * that Berth knows at once that it cost no reload and holds no later change back for it. By
     * default: a reload.
     */
    default CompletionStage<List<ReloadResult>> apply(ConfigChange change) {
        return reload();
    }

    /**
     * Whether {@link #applyInPlace} would take this written change: the running proxy can make all
     * of it itself, and refuses a value it cannot take. Asked without changing anything: Berth does
     * not check ahead what goes in this way. By default: no.
     */
    default boolean takesInPlace(ConfigChange change) {
        return false;
    }

    /**
     * Puts a written change into effect in the running proxy at once, without the proxy's check of
     * the file: for a change that {@link #takesInPlace}, whose file differs from the last one put
     * into effect only in values the proxy validates as it takes them (HAProxy's Runtime API: servers'
     * addresses, ports, weights and states). A check would hold the change up for what the proxy
     * checks anyway. Confirmed before this returns, each result {@link ReloadResult#runtime}.
     * Empty when it could not: Berth then checks the file and calls {@link #apply} with it, or, if
     * the check rejects it, with the file that comes back, since the proxy may have taken part of
     * the change. By default: empty.
     */
    default Optional<List<ReloadResult>> applyInPlace(ConfigChange change) {
        return Optional.empty();
    }

    /**
     * A pass has begun that may write a new file: the reloader may start, in the background, what
     * {@link #check} and {@link #reload} will need (finding its targets, the file inside them), so
     * that it is ready when they run instead of delaying them. {@code check} is the check that will
     * be asked for, if any. Called before Berth asks Docker about the changes.
     */
    default void prepare(Optional<ConfigCheck> check) {
    }

    /**
     * Runs the proxy's own check of the file Berth just wrote, where the proxy runs (on the host, or
     * inside its container), before {@link #reload}; one result per target. A reloader that cannot
     * run a check answers no result.
     */
    default List<CheckResult> check(ConfigCheck check) {
        return List.of();
    }

    /** Describes the targets for the start-up log, e.g. "containers with label com.example.type=nginx". */
    String describeTargets();

    /**
     * The Docker networks of the proxy containers it reloads: a backend on several networks is
     * reached on the one it shares with them. Empty when unknown (a proxy on the host, say).
     */
    default Set<String> proxyNetworks() {
        return Set.of();
    }
}
