package dev.berth.core.swarm;

import static java.util.Objects.requireNonNull;

import dev.berth.core.spi.UsageException;
import java.util.Optional;

/**
 * @param manager the manager to read the cluster from (--swarm-manager, DOCKER_HOST's form); empty:
 *     the local engine, which must then be a manager
 */
public record SwarmSettings(SwarmMode mode, Optional<String> manager) {

    public static final SwarmSettings OFF = new SwarmSettings(SwarmMode.OFF, Optional.empty());

    public SwarmSettings {
        requireNonNull(mode, "mode");
        requireNonNull(manager, "manager");
        if (manager.isPresent() && mode == SwarmMode.OFF) {
            throw new UsageException("--swarm-manager needs --swarm: it names the manager to read services from");
        }
        manager.ifPresent(SwarmSettings::checkAddress);
    }

    private static void checkAddress(String address) {
        if (!(address.startsWith("unix://") || address.startsWith("tcp://")) || address.length() <= "tcp://".length()) {
            throw new UsageException("--swarm-manager '" + address
                    + "' is not valid: expected unix:///path/to/docker.sock or tcp://HOST:PORT, as DOCKER_HOST");
        }
    }
}
