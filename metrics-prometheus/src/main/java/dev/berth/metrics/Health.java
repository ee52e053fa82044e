package dev.berth.metrics;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether Berth does its job now, as /healthz answers it: healthy once a first configuration is in
 * effect, while Docker answers, the last pass read Docker, the last configuration went into effect
 * and the proxy left out no group. Otherwise the first reason in that order, as one line. Each reason
 * is set by what went wrong and cleared by the next success of the same kind. Thread-safe: it is told
 * from the pass's thread, docker-java's stream thread and where reloads are confirmed, and read by
 * the HTTP server's.
 */
public final class Health {

    /** @param reason one line; "ok" when healthy */
    public record Status(boolean healthy, String reason) {
    }

    private Optional<String> docker = Optional.empty();
    private Optional<String> pass = Optional.empty();
    private Optional<String> configuration = Optional.empty();
    private Set<String> groupsLeftOut = Set.of();
    private boolean inEffect;

    public synchronized Status status() {
        Optional<String> reason = docker.map(why -> "Docker unreachable: " + why)
                .or(() -> pass.map(why -> "the last pass failed: " + why))
                .or(() -> configuration.map(why -> "the last configuration is not in effect: " + why))
                .or(() -> groupsLeftOut.isEmpty() ? Optional.empty()
                        : Optional.of("left out by the proxy: " + String.join(", ", groupsLeftOut)))
                .or(() -> inEffect ? Optional.empty() : Optional.of("no configuration in effect yet"));
        return new Status(reason.isEmpty(), reason.map(Health::oneLine).orElse("ok"));
    }

    synchronized void dockerAnswers() {
        docker = Optional.empty();
    }

    synchronized void dockerLost(String why) {
        docker = Optional.of(orUnknown(why));
    }

    synchronized void passSucceeded() {
        pass = Optional.empty();
    }

    synchronized void passFailed(String why) {
        pass = Optional.of(orUnknown(why));
    }

    synchronized void inEffect() {
        configuration = Optional.empty();
        inEffect = true;
    }

    synchronized void notInEffect(String why) {
        configuration = Optional.of(orUnknown(why));
    }

    synchronized void groupsLeftOut(Set<String> groups) {
        groupsLeftOut = new TreeSet<>(groups);
    }

    private static String orUnknown(String why) {
        return why == null || why.isBlank() ? "no reason given" : why;
    }

    /** A reason may quote a proxy's multi-line error: the probe's answer is one line. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
