package dev.berth.core.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.spi.UsageException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link SwarmApi} over the Engine API of a manager, its JSON read raw ({@link SwarmJson}). */
public final class DockerSwarmApi implements SwarmApi {

    private final DockerConnection manager;

    public DockerSwarmApi(DockerConnection manager) {
        this.manager = manager;
    }

    @Override
    public void requireManager() {
        JsonNode swarm;
        try {
            swarm = manager.getJson("/info").path("Swarm");
        } catch (RuntimeException e) {
            throw manager.unreachable(e);
        }
        if (!swarm.path("ControlAvailable").asBoolean(false)) {
            throw new UsageException("the Docker Engine at " + manager.host() + " is not a Swarm manager (its swarm state: "
                    + swarm.path("LocalNodeState").asText("unknown") + "); run Berth against a manager, "
                    + "or name one with --swarm-manager");
        }
    }

    @Override
    public List<SwarmService> services() {
        return list(manager.getJson("/services"), SwarmJson::service);
    }

    @Override
    public Optional<SwarmService> service(String id) {
        try {
            return Optional.of(SwarmJson.service(manager.getJson("/services/" + encode(id))));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<SwarmTask> tasks(String serviceId) {
        try {
            return list(manager.getJson("/tasks?filters=" + encode("{\"service\":[\"" + serviceId + "\"]}")), SwarmJson::task);
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    @Override
    public List<SwarmTask> runningTasks() {
        return list(manager.getJson("/tasks?filters=" + encode("{\"desired-state\":[\"running\"]}")), SwarmJson::task);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        array.forEach(item -> items.add(read.apply(item)));
        return items;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
