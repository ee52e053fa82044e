package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InetAddresses;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

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

    /**
     * Docker's own characters for container names (ids are hex): safe in any proxy's syntax, so a
     * template may print a container's name or id. Bounded, because a proxy's lines are: nginx
     * rejects any word (a comment too) over 4 KiB.
     */
    public static final Pattern CONTAINER_NAME = Pattern.compile("[A-Za-z0-9_.-]{0,255}");

    private static final Pattern IP_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The highest weight both nginx and HAProxy accept. */
    public static final int MAX_WEIGHT = 256;

    /**
     * Only values that are safe in any proxy's syntax can be held: a plain container name and id, an
     * IP literal checked without DNS, a port, a weight in range. So no label, whatever it holds, can add a directive.
     */
    public Backend {
        requireNonNull(containerId, "containerId");
        requireNonNull(containerName, "containerName");
        requireNonNull(address, "address");
        requireNonNull(health, "health");
        if (!CONTAINER_NAME.matcher(containerId).matches()) {
            throw new IllegalArgumentException("container id '" + Printable.of(containerId) + "' is not valid: letters, digits, '_', '.' and '-', at most 255");
        }
        if (!CONTAINER_NAME.matcher(containerName).matches()) {
            throw new IllegalArgumentException("container name '" + Printable.of(containerName) + "' is not valid: letters, digits, '_', '.' and '-', at most 255");
        }
        if (!isIpLiteral(address)) {
            throw new IllegalArgumentException("not an IP literal: '" + Printable.of(address) + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight " + weight + " is outside 1.." + MAX_WEIGHT + " (0 = not set)");
        }
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public static Backend of(ContainerState container, String address, int port, int weight, boolean backup) {
        return new Backend(container.id(), container.name(), address, port, weight, backup,
                container.health(), container.labels());
    }

    /**
     * An IPv4 or IPv6 address literal, without zone: parsed by Guava, never looked up. ASCII only:
     * Guava also reads other scripts' digits, so that "10.0.0.1٨٠" would pass and be written as is.
     */
    public static boolean isIpLiteral(String text) {
        return IP_CHARACTERS.matcher(text).matches() && InetAddresses.isInetAddress(text);
    }

    public boolean ipv6() {
        return address.indexOf(':') >= 0;
    }

    /** address:port, with the IPv6 address in brackets as both nginx and HAProxy write it. */
    public String endpoint() {
        return (ipv6() ? "[" + address + "]" : address) + ":" + port;
    }
}
