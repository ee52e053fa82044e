package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Network;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.NetworkEndpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads containers from the Docker Engine and maps docker-java's mutable objects to Berth records. */
public final class ContainerInspector {

    /** Inspections of a full resync at once: 100 containers, about 40 % quicker than one by one (2 cores). */
    static final int RESYNC_THREADS = 4;

    /** Docker sets it on a Swarm task's container. */
    static final String TASK_LABEL = "com.docker.swarm.task.id";

    private final DockerClient docker;
    private final List<LabelFilter> filters;
    private final boolean standaloneOnly;
    /** What a container takes from its image; an image id names one content, so it never changes. */
    private final Map<String, ImageFacts> images = new ConcurrentHashMap<>();

    private record ImageFacts(Set<Integer> exposedTcpPorts, boolean healthcheck) {
    }

    public ContainerInspector(DockerClient docker, List<LabelFilter> filters) {
        this(docker, filters, false);
    }

    /**
     * @param standaloneOnly Swarm's task containers are answered as not selected: their tasks are
     *     served from the manager (--swarm=both), and must not be served twice
     */
    public ContainerInspector(DockerClient docker, List<LabelFilter> filters, boolean standaloneOnly) {
        this.docker = docker;
        this.filters = List.copyOf(filters);
        this.standaloneOnly = standaloneOnly;
    }

    private boolean wanted(Map<String, String> labels) {
        return !standaloneOnly || labels == null || !labels.containsKey(TASK_LABEL);
    }

    /** The container's state now, or empty when it no longer exists. */
    public Optional<ContainerState> inspect(String containerId) {
        try {
            return Optional.of(toState(docker.inspectContainerCmd(containerId).exec())).filter(state -> wanted(state.labels()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * What a network connect tells of the container it names. Docker connects a container to its
     * networks, and gives it its addresses, a good while before its process runs (about 1 s for
     * Engine 20.10 here), and inspect waits for the start to complete; the listing and the network
     * do not wait. A container that is not running yet is answered as it will be once it runs: its
     * labels and name from the listing, its addresses from its networks, its ports and health
     * check from its image (those that {@code docker run} adds are not seen, and the inspect at
     * its start then tells another state).
     */
    public Foresight foresee(String containerId) {
        Optional<Container> listed = docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(containerId))
                .withLabelFilter(filters.stream().map(LabelFilter::toDockerFilter).toList()).exec().stream()
                .filter(c -> containerId.equals(c.getId()) && wanted(c.getLabels()))
                .findFirst();
        if (listed.isEmpty()) {
            return new Foresight.Unselected();
        }
        Container container = listed.get();
        if ("running".equals(container.getState()) || container.getNetworkSettings() == null
                || container.getNetworkSettings().getNetworks() == null || container.getImageId() == null) {
            return new Foresight.Inspect();
        }
        List<NetworkEndpoint> endpoints = new ArrayList<>();
        for (String network : container.getNetworkSettings().getNetworks().keySet()) {
            Optional<NetworkEndpoint> endpoint = endpoint(network, containerId);
            if (endpoint.isEmpty()) {
                return new Foresight.Inspect();
            }
            endpoints.add(endpoint.get());
        }
        ImageFacts image = images.computeIfAbsent(container.getImageId(), this::imageFacts);
        String[] names = container.getNames();
        return new Foresight.Starting(ContainerState.of(containerId, name(names == null || names.length == 0 ? null : names[0]),
                "running", container.getLabels() == null ? Map.of() : container.getLabels(), endpoints,
                image.exposedTcpPorts(), image.healthcheck() ? Health.STARTING : Health.NONE));
    }

    /** The container's addresses on the network, once Docker gave them; empty before, or when the network is gone. */
    private Optional<NetworkEndpoint> endpoint(String network, String containerId) {
        Network inspected;
        try {
            inspected = docker.inspectNetworkCmd().withNetworkId(network).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        Network.ContainerNetworkConfig endpoint = inspected.getContainers() == null ? null : inspected.getContainers().get(containerId);
        if (endpoint == null || endpoint.getIpv4Address() == null || endpoint.getIpv4Address().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NetworkEndpoint(network, NetworkEndpoint.withoutPrefix(endpoint.getIpv4Address()),
                NetworkEndpoint.withoutPrefix(endpoint.getIpv6Address())));
    }

    private ImageFacts imageFacts(String imageId) {
        var config = docker.inspectImageCmd(imageId).exec().getConfig();
        if (config == null) {
            return new ImageFacts(Set.of(), false);
        }
        HealthCheck check = config.getHealthcheck();
        boolean healthcheck = check != null && check.getTest() != null && !check.getTest().isEmpty()
                && !check.getTest().get(0).equals("NONE");
        return new ImageFacts(tcpPorts(config.getExposedPorts()), healthcheck);
    }

    /** Every running container the filters select, inspected a few at a time. */
    public List<ContainerState> listSelected() {
        return inspectAll(RunningContainers.list(docker, filters));
    }

    /** Every container the filters select, stopped ones included (`docker ps -a`), inspected a few at a time. */
    public List<ContainerState> listAllSelected() {
        return inspectAll(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(filters.stream().map(LabelFilter::toDockerFilter).toList()).exec());
    }

    /** In the listing's order; a container removed since the listing is left out. */
    private List<ContainerState> inspectAll(List<Container> containers) {
        List<Container> wanted = containers.stream().filter(c -> wanted(c.getLabels())).toList();
        return Concurrently.map(wanted, RESYNC_THREADS, container -> inspect(container.getId())).stream()
                .flatMap(Optional::stream)
                .toList();
    }

    static ContainerState toState(InspectContainerResponse response) {
        var state = response.getState();
        String status = Objects.requireNonNullElse(state.getStatus(), "unknown");
        Health health = state.getHealth() == null ? Health.NONE : Health.fromDocker(state.getHealth().getStatus());
        Map<String, String> labels = response.getConfig().getLabels() == null ? Map.of() : response.getConfig().getLabels();
        return ContainerState.of(response.getId(), name(response.getName()), status, labels,
                networks(response), exposedTcpPorts(response), health);
    }

    private static String name(String dockerName) {
        return dockerName == null ? "" : dockerName.startsWith("/") ? dockerName.substring(1) : dockerName;
    }

    private static List<NetworkEndpoint> networks(InspectContainerResponse response) {
        Map<String, ContainerNetwork> networks = response.getNetworkSettings() == null
                ? null : response.getNetworkSettings().getNetworks();
        if (networks == null) {
            return List.of();
        }
        return networks.entrySet().stream()
                .map(e -> new NetworkEndpoint(e.getKey(),
                        Objects.requireNonNullElse(e.getValue().getIpAddress(), ""),
                        Objects.requireNonNullElse(e.getValue().getGlobalIPv6Address(), "")))
                .toList();
    }

    private static Set<Integer> exposedTcpPorts(InspectContainerResponse response) {
        return tcpPorts(response.getConfig().getExposedPorts());
    }

    private static Set<Integer> tcpPorts(ExposedPort[] exposed) {
        Set<Integer> ports = new TreeSet<>();
        if (exposed != null) {
            Arrays.stream(exposed)
                    .filter(p -> p.getProtocol() == InternetProtocol.TCP)
                    .forEach(p -> ports.add(p.getPort()));
        }
        return ports;
    }
}
