package dev.berth.core.model;

import java.util.Comparator;
import java.util.List;

/** Everything the proxy should serve at one moment, in a deterministic order. */
public record Snapshot(List<Upstream> upstreams, List<Exclusion> exclusions) {

    public static final Snapshot EMPTY = new Snapshot(List.of(), List.of());

    public Snapshot {
        upstreams = upstreams.stream().sorted(Comparator.comparing(Upstream::name)).toList();
        for (int i = 1; i < upstreams.size(); i++) {
            if (upstreams.get(i).name().equals(upstreams.get(i - 1).name())) {
                throw new IllegalArgumentException("two upstreams are named '" + upstreams.get(i).name() + "'");
            }
        }
        exclusions = exclusions.stream()
                .sorted(Comparator.comparing(Exclusion::containerName).thenComparing(Exclusion::containerId))
                .toList();
    }

    public int backendCount() {
        return upstreams.stream().mapToInt(u -> u.backends().size()).sum();
    }
}
