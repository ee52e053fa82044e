package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

/** A container's attachment to one Docker network; an address Docker did not assign is "". */
public record NetworkEndpoint(String network, String ipv4, String ipv6) {
    public NetworkEndpoint {
        requireNonNull(network, "network");
        requireNonNull(ipv4, "ipv4");
        requireNonNull(ipv6, "ipv6");
    }
}
