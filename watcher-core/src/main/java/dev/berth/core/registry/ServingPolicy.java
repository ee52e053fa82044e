package dev.berth.core.registry;

import static java.util.Objects.requireNonNull;

import dev.berth.core.model.Health;
import dev.berth.core.spi.UsageException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which running containers may receive requests, beyond the selection.
 *
 * @param drain whether a container that received SIGTERM or SIGINT (the start of `docker stop`)
 *     leaves at once, so that it finishes its requests while no new one arrives (--no-drain turns it off)
 * @param includedHealth health states served although not healthy: STARTING, UNHEALTHY (--include-health)
 */
public record ServingPolicy(boolean drain, Set<Health> includedHealth) {

    /** Drain on SIGTERM; serve containers without a health check and healthy ones only. */
    public static final ServingPolicy DEFAULT = new ServingPolicy(true, Set.of());

    public ServingPolicy {
        requireNonNull(includedHealth, "includedHealth");
        includedHealth = includedHealth.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(includedHealth));
    }

    /** Parses --include-health values: "starting", "unhealthy" (any case). */
    public static Set<Health> parseHealth(Collection<String> values) {
        Set<Health> health = EnumSet.noneOf(Health.class);
        for (String value : values) {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "starting" -> health.add(Health.STARTING);
                case "unhealthy" -> health.add(Health.UNHEALTHY);
                default -> throw new UsageException("--include-health '" + value
                        + "' is not valid: expected starting or unhealthy");
            }
        }
        return health;
    }

    boolean serves(Health health) {
        return health == Health.NONE || health == Health.HEALTHY || includedHealth.contains(health);
    }
}
