package dev.berth.core.sync;

import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.RoutingTable;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What `berth render --explain` prints: every container the selection matched, where it serves or
 * why it is left out, and the routing table when groups have routes. One line per container, in the snapshot's stable order, for people to read.
 */
public final class Explanation {

    private Explanation() {
    }

    public static String of(Snapshot snapshot) {
        StringBuilder text = new StringBuilder();
        int served = snapshot.backendCount();
        int left = snapshot.exclusions().size();
        text.append(served + left).append(" containers matched the selection: ")
                .append(served).append(" served, ").append(left).append(" left out\n");
        routes(snapshot, text);
        for (Upstream upstream : snapshot.upstreams()) {
            text.append("\nupstream ").append(upstream.name()).append(upstream.backends().isEmpty() ? ": no container serves it\n" : "\n");
            for (Backend backend : upstream.backends()) {
                text.append("  served    ").append(container(backend.containerName(), backend.containerId()))
                        .append("  ").append(backend.endpoint());
                if (backend.weight() > 0) {
                    text.append("  weight ").append(backend.weight());
                }
                if (backend.backup()) {
                    text.append("  backup");
                }
                text.append('\n');
            }
        }
        if (left > 0) {
            text.append("\nleft out\n");
            for (Exclusion exclusion : snapshot.exclusions()) {
                text.append("  left out  ").append(container(exclusion.containerName(), exclusion.containerId()))
                        .append("  ").append(exclusion.reason()).append('\n');
            }
        }
        return text.toString();
    }

    /** The routing table in the order the proxies match it: host, path -> group -> its servers. */
    private static void routes(Snapshot snapshot, StringBuilder text) {
        RoutingTable table = RoutingTable.of(snapshot);
        if (table.isEmpty()) {
            return;
        }
        Map<String, Upstream> byName = snapshot.upstreams().stream().collect(Collectors.toMap(Upstream::name, u -> u));
        text.append("\nroutes (host, path -> group -> servers; another host name gets 503)\n");
        for (RoutingTable.Host host : table.hosts()) {
            for (RoutingTable.Path path : host.paths()) {
                text.append("  ").append(host.name()).append(' ').append(path.path()).append("  -> ").append(path.upstream())
                        .append("  -> ").append(byName.get(path.upstream()).backends().stream().map(Backend::endpoint)
                                .collect(Collectors.joining(", "))).append('\n');
            }
            if (!host.root()) {
                text.append("  ").append(host.name()).append(" (any other path)  -> 404\n");
            }
        }
    }

    private static String container(String name, String id) {
        return name + " (" + ContainerIds.shorten(id) + ")";
    }
}
