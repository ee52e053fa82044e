package dev.berth.core.swarm;

import dev.berth.core.spi.UsageException;
import java.util.Locale;

/** Whether Berth serves Swarm services (--swarm), standalone containers, or both. */
public enum SwarmMode {
    /** Standalone containers only: no --swarm. */
    OFF,
    /** The running tasks of the selected services only: --swarm, --swarm=services. */
    SERVICES,
    /** Services and standalone containers: --swarm=both. */
    BOTH;

    /**
     * The value of --swarm: absent is off; "services" (what a bare --swarm gives) and "true" (a flag
     * from the environment, BERTH_SWARM=true); "both"; "false".
     */
    public static SwarmMode parse(String value) {
        if (value == null) {
            return OFF;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "services", "true" -> SERVICES;
            case "both" -> BOTH;
            case "false" -> OFF;
            default -> throw new UsageException("--swarm '" + value + "' is not valid: expected services or both");
        };
    }
}
