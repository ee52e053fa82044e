package dev.berth.core.registry;

import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.NetworkEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds container states for tests, with the blog's defaults: a web container on web_nw exposing 5090. */
final class Containers {

    private String id;
    private String name;
    private String status = "running";
    private final Map<String, String> labels = new HashMap<>(Map.of("com.example.type", "web"));
    private final List<NetworkEndpoint> networks = new ArrayList<>();
    private final Set<Integer> ports = new TreeSet<>(Set.of(5090));
    private Health health = Health.NONE;

    private Containers(String name, String ip) {
        this.name = name;
        this.id = (name + "0".repeat(64)).substring(0, 64);
        networks.add(new NetworkEndpoint("web_nw", ip, ""));
    }

    static Containers web(String name, String ip) {
        return new Containers(name, ip);
    }

    Containers id(String value) {
        id = value;
        return this;
    }

    Containers status(String value) {
        status = value;
        return this;
    }

    Containers label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    Containers withoutLabel(String key) {
        labels.remove(key);
        return this;
    }

    Containers network(String network, String ipv4, String ipv6) {
        networks.add(new NetworkEndpoint(network, ipv4, ipv6));
        return this;
    }

    Containers onlyNetwork(String network, String ipv4, String ipv6) {
        networks.clear();
        return network(network, ipv4, ipv6);
    }

    Containers ports(Integer... values) {
        ports.clear();
        ports.addAll(List.of(values));
        return this;
    }

    Containers health(Health value) {
        health = value;
        return this;
    }

    ContainerState build() {
        return ContainerState.of(id, name, status, labels, networks, ports, health);
    }
}
