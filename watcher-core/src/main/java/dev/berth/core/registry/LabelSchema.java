package dev.berth.core.registry;

import static java.util.Objects.requireNonNull;

/** The names of the per-container labels Berth reads, under a configurable prefix ("berth." by default). */
public record LabelSchema(String prefix) {

    public static final String DEFAULT_PREFIX = "berth.";
    /** Docker Compose sets this on every service container; it names the default upstream. */
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";
    /** Docker sets this on every Swarm task's container, and Berth on every task it reads: the default upstream of a task. */
    public static final String SWARM_SERVICE = "com.docker.swarm.service.name";

    public LabelSchema {
        requireNonNull(prefix, "prefix");
    }

    public String upstream() {
        return prefix + "upstream";
    }

    public String port() {
        return prefix + "port";
    }

    public String network() {
        return prefix + "network";
    }

    public String weight() {
        return prefix + "weight";
    }

    public String backup() {
        return prefix + "backup";
    }
}
