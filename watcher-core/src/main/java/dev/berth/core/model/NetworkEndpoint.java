package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

/** A container's attachment to one Docker network; an address Docker did not assign is "". */
public record NetworkEndpoint(String network, String ipv4, String ipv6) {
    public NetworkEndpoint {
        requireNonNull(network, "network");
        requireNonNull(ipv4, "ipv4");
        requireNonNull(ipv6, "ipv6");
    }

    /** An address without its prefix length: networks and Swarm tasks answer "10.0.1.5/24" where inspect answers "10.0.1.5". */
    public static String withoutPrefix(String address) {
        if (address == null) {
            return "";
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
