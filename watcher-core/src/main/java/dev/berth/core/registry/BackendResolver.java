package dev.berth.core.registry;

import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Health;
import dev.berth.core.model.NetworkEndpoint;
import dev.berth.core.model.Printable;
import dev.berth.core.model.Upstream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides, for one selected container, which upstream it serves and at which address, or why it
 * cannot. Every label value is parsed here, so a bad one excludes its container with a message and
 * never reaches a configuration file.
 */
final class BackendResolver {

    /** At most nine, so that the number always fits an int and the range check decides. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final Selection selection;
    private final LabelSchema labels;

    BackendResolver(Selection selection) {
        this.selection = selection;
        this.labels = selection.labels();
    }

    /**
     * @param draining the container received SIGTERM and should get no new request
     * @param proxyNetworks the networks of the proxy containers, to choose among a container's networks
     */
    Resolution resolve(ContainerState container, ServingPolicy policy, boolean draining, Set<String> proxyNetworks) {
        Optional<String> unsafe = unsafeIdOrName(container);
        if (unsafe.isPresent()) {
            // Printable forms, so that the exclusion itself (logged, and seen by templates) is safe.
            return new Resolution.Excluded(new Exclusion(Printable.of(container.id()), Printable.of(container.name()),
                    Exclusion.Kind.CONFIGURATION, unsafe.get()));
        }
        try {
            return new Resolution.Served(upstream(container), backend(container, policy, draining, proxyNetworks));
        } catch (Excluded e) {
            return new Resolution.Excluded(new Exclusion(container.id(), container.name(), e.kind, e.getMessage()));
        }
    }

    /** Docker gives only plain names and hex ids; anything else must not reach a template or a log line raw. */
    private static Optional<String> unsafeIdOrName(ContainerState container) {
        if (!Backend.CONTAINER_NAME.matcher(container.id()).matches()) {
            return Optional.of(notPlain("id", container.id()));
        }
        if (!Backend.CONTAINER_NAME.matcher(container.name()).matches()) {
            return Optional.of(notPlain("name", container.name()));
        }
        return Optional.empty();
    }

    private static String notPlain(String what, String value) {
        return "container " + what + " '" + Printable.of(value) + "' is not valid: expected letters, digits, '_', '.' and '-' as Docker gives, at most 255";
    }

    private Backend backend(ContainerState container, ServingPolicy policy, boolean draining, Set<String> proxyNetworks) {
        if (!container.running()) {
            throw new Excluded(Exclusion.Kind.STATE, "not running (" + Printable.of(container.status()) + ")");
        }
        if (draining) {
            throw new Excluded(Exclusion.Kind.STATE, "draining: it received SIGTERM or SIGINT (docker stop) and gets no new request");
        }
        if (container.health() == Health.STARTING && !policy.serves(Health.STARTING)) {
            throw new Excluded(Exclusion.Kind.STATE, "health check has not passed yet (starting)");
        }
        if (container.health() == Health.UNHEALTHY && !policy.serves(Health.UNHEALTHY)) {
            throw new Excluded(Exclusion.Kind.STATE, "unhealthy");
        }
        int port = port(container);
        int weight = weight(container);
        boolean backup = backup(container);
        String address = address(container, proxyNetworks);
        return Backend.of(container, address, port, weight, backup);
    }

    private String upstream(ContainerState container) {
        String label = container.labels().get(labels.upstream());
        if (label != null) {
            if (!Upstream.NAME.matcher(label).matches()) {
                throw badLabel(labels.upstream(), label, "letters, digits, '_', '.' and '-', at most 128");
            }
            return label;
        }
        String name = Optional.ofNullable(container.labels().get(LabelSchema.COMPOSE_SERVICE))
                .or(() -> Optional.ofNullable(container.labels().get(LabelSchema.SWARM_SERVICE)))
                .orElse(container.name());
        if (!Upstream.NAME.matcher(name).matches()) {
            throw new Excluded("'" + Printable.of(name) + "' cannot name an upstream; set label " + labels.upstream());
        }
        return name;
    }

    private int port(ContainerState container) {
        String label = container.labels().get(labels.port());
        if (label != null) {
            return parseInt(labels.port(), label, 1, 65_535, "a port from 1 to 65535");
        }
        if (selection.port().isPresent()) {
            return selection.port().getAsInt();
        }
        var exposed = container.exposedTcpPorts();
        if (exposed.size() == 1) {
            return exposed.first();
        }
        throw new Excluded((exposed.isEmpty() ? "exposes no TCP port" : "exposes several TCP ports " + exposed)
                + "; set label " + labels.port() + " or --port");
    }

    private int weight(ContainerState container) {
        String label = container.labels().get(labels.weight());
        return label == null ? 0 : parseInt(labels.weight(), label, 1, Backend.MAX_WEIGHT, "a whole number from 1 to " + Backend.MAX_WEIGHT);
    }

    private boolean backup(ContainerState container) {
        String label = container.labels().get(labels.backup());
        if (label == null) {
            return false;
        }
        return switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw badLabel(labels.backup(), label, "true or false");
        };
    }

    private String address(ContainerState container, Set<String> proxyNetworks) {
        NetworkEndpoint endpoint = endpoint(container, proxyNetworks);
        String address = endpoint.ipv4().isEmpty() ? endpoint.ipv6() : endpoint.ipv4();
        if (address.isEmpty()) {
            throw new Excluded("has no IP address on network " + Printable.of(endpoint.network()));
        }
        if (!Backend.isIpLiteral(address)) {
            throw new Excluded("Docker reported address '" + Printable.of(address) + "' on network "
                    + Printable.of(endpoint.network()) + ", which is not an IP literal");
        }
        return address;
    }

    private NetworkEndpoint endpoint(ContainerState container, Set<String> proxyNetworks) {
        List<NetworkEndpoint> networks = container.networks();
        String label = container.labels().get(labels.network());
        if (label != null) {
            return on(networks, label).orElseThrow(() -> new Excluded(
                    "is not on network '" + Printable.of(label) + "' named by label " + labels.network()));
        }
        if (selection.network().isPresent()) {
            String wanted = selection.network().get();
            return on(networks, wanted).orElseThrow(() -> new Excluded(
                    "is not on network " + Printable.of(wanted) + " (--network); it is on " + names(networks)));
        }
        List<NetworkEndpoint> shared = networks.stream().filter(n -> proxyNetworks.contains(n.network())).toList();
        if (shared.size() == 1) {
            return shared.get(0);
        }
        if (shared.size() > 1) {
            throw new Excluded("shares several networks " + names(shared) + " with the proxy containers; set label "
                    + labels.network() + " or --network");
        }
        if (networks.size() == 1) {
            return networks.get(0);
        }
        throw new Excluded((networks.isEmpty() ? "is on no network" : "is on several networks " + names(networks)
                + (proxyNetworks.isEmpty() ? "" : ", none of them a proxy container's " + new TreeSet<>(proxyNetworks)))
                + "; set label " + labels.network() + " or --network");
    }

    private static Optional<NetworkEndpoint> on(List<NetworkEndpoint> networks, String name) {
        return networks.stream().filter(n -> n.network().equals(name)).findFirst();
    }

    private static String names(List<NetworkEndpoint> networks) {
        return networks.stream().map(n -> Printable.of(n.network())).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * ASCII digits only: Integer.parseInt alone would also take a sign and any script's digits, so
     * that "+80" or a fullwidth "８０" would quietly become port 80.
     */
    private static int parseInt(String label, String value, int min, int max, String expected) {
        String text = value.strip();
        if (DIGITS.matcher(text).matches()) {
            int parsed = Integer.parseInt(text);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        throw badLabel(label, value, expected);
    }

    private static Excluded badLabel(String label, String value, String expected) {
        return new Excluded("label " + label + "='" + Printable.of(value) + "' is not valid: expected " + expected);
    }

    /** Carries the reason a container is left out; control flow inside this class only. */
    private static final class Excluded extends RuntimeException {
        private final Exclusion.Kind kind;

        Excluded(Exclusion.Kind kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
        }

        Excluded(String reason) {
            this(Exclusion.Kind.CONFIGURATION, reason);
        }
    }
}
