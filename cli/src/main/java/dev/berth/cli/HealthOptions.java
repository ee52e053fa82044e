package dev.berth.cli;

import dev.berth.core.registry.ServingPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which health states, besides healthy and "no health check", may receive requests. */
final class HealthOptions {

    @Option(names = "--include-health", paramLabel = "STATE", split = ",|" + EnvironmentDefaults.LIST_SPLIT, splitSynopsisLabel = ",",
            description = "also serve containers whose health check is in this state: starting, unhealthy "
                    + "(comma-separated or repeated; default: only healthy ones and those without a health check)")
    List<String> includeHealth = new ArrayList<>();

    ServingPolicy policy(boolean drain) {
        return new ServingPolicy(drain, ServingPolicy.parseHealth(includeHealth));
    }
}
