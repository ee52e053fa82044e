package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One server of an upstream: a selected, usable container.
 *
 * @param address an IP literal (IPv6 without brackets)
 * @param weight 0 when the container asked for none (the proxy's default applies)
 */
public record Backend(
        String containerId,
        String containerName,
        String address,
        int port,
        int weight,
        boolean backup,
        Health health,
        SortedMap<String, String> labels) {

    public Backend {
        requireNonNull(containerId, "containerId");
        requireNonNull(containerName, "containerName");
        requireNonNull(address, "address");
        requireNonNull(health, "health");
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public static Backend of(ContainerState container, String address, int port, int weight, boolean backup) {
        return new Backend(container.id(), container.name(), address, port, weight, backup,
                container.health(), container.labels());
    }

    public boolean ipv6() {
        return address.indexOf(':') >= 0;
    }

    /** address:port, with the IPv6 address in brackets as both nginx and HAProxy write it. */
    public String endpoint() {
        return (ipv6() ? "[" + address + "]" : address) + ":" + port;
    }
}
