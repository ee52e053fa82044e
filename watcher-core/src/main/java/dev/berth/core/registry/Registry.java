package dev.berth.core.registry;

import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The containers Berth serves, updated one container at a time. Not thread-safe: it is owned by
 * the one thread that applies Docker's changes.
 *
 * <p>An upstream, once seen, stays in every later snapshot even when its last container is gone:
 * the proxy's own configuration refers to it by name, and a missing upstream would make the whole
 * configuration invalid.
 */
public final class Registry {

    private final Selection selection;
    private final BackendResolver resolver;
    private final Map<String, Resolution> byId = new HashMap<>();
    private final SortedSet<String> upstreams;

    public Registry(Selection selection) {
        this.selection = selection;
        this.resolver = new BackendResolver(selection);
        this.upstreams = new TreeSet<>(selection.declaredUpstreams());
    }

    /** Applies a container's current state; returns whether the snapshot changed. */
    public boolean put(ContainerState container) {
        if (!selection.selects(container.labels())) {
            return remove(container.id());
        }
        Resolution resolution = resolver.resolve(container);
        boolean newUpstream = resolution instanceof Resolution.Served served && upstreams.add(served.upstream());
        return !resolution.equals(byId.put(container.id(), resolution)) || newUpstream;
    }

    /** Forgets a container (destroyed, or no longer selected); returns whether the snapshot changed. */
    public boolean remove(String containerId) {
        return byId.remove(containerId) != null;
    }

    /** Replaces everything with a fresh listing, as after a (re)connect; returns whether the snapshot changed. */
    public boolean replaceAll(Collection<ContainerState> containers) {
        Snapshot before = snapshot();
        byId.clear();
        containers.forEach(this::put);
        return !before.equals(snapshot());
    }

    public Snapshot snapshot() {
        Map<String, String> groups = groupNames();
        Map<String, List<Backend>> backends = new TreeMap<>();
        groups.values().forEach(name -> backends.put(name, new ArrayList<>()));
        List<Exclusion> exclusions = new ArrayList<>();
        for (Resolution resolution : byId.values()) {
            if (resolution instanceof Resolution.Served served) {
                String group = groups.get(served.upstream().toLowerCase(Locale.ROOT));
                if (group.equals(served.upstream())) {
                    backends.get(group).add(served.backend());
                } else {
                    Backend backend = served.backend();
                    exclusions.add(new Exclusion(backend.containerId(), backend.containerName(), Exclusion.Kind.CONFIGURATION,
                            "upstream " + served.upstream() + " differs from upstream " + group
                                    + " only in case, and nginx takes the two for one; give both the same name"));
                }
            } else if (resolution instanceof Resolution.Excluded excluded) {
                exclusions.add(excluded.exclusion());
            }
        }
        List<Upstream> result = new ArrayList<>();
        backends.forEach((name, list) -> result.add(new Upstream(name, list)));
        return new Snapshot(result, exclusions);
    }

    /**
     * One name per group of names that differ only in case (nginx compares upstream names without
     * case, so "web" and "WEB" would be a duplicate): the one most containers serve now, then the
     * first in sort order, so that the choice never depends on the order containers arrived in.
     */
    private Map<String, String> groupNames() {
        Map<String, Integer> serving = new HashMap<>();
        byId.values().forEach(r -> {
            if (r instanceof Resolution.Served served) {
                serving.merge(served.upstream(), 1, Integer::sum);
            }
        });
        Map<String, String> groups = new HashMap<>();
        for (String name : upstreams) {
            groups.merge(name.toLowerCase(Locale.ROOT), name,
                    (chosen, other) -> serving.getOrDefault(other, 0) > serving.getOrDefault(chosen, 0) ? other : chosen);
        }
        return groups;
    }

    public int size() {
        return byId.size();
    }
}
