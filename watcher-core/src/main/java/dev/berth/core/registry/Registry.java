package dev.berth.core.registry;

import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Route;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
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
    private final ServingPolicy policy;
    private final BackendResolver resolver;
    private final Map<String, Resolution> byId = new HashMap<>();
    private final Map<String, ContainerState> states = new HashMap<>();
    /** Containers that received SIGTERM and still run: kept out until they start again or exit. */
    private final Set<String> draining = new HashSet<>();
    private Set<String> proxyNetworks = Set.of();
    private final SortedSet<String> upstreams;
    /**
     * The upstreams of the last snapshot by lower-case name, and the names a change touched since:
     * a snapshot builds (and sorts) only the groups that changed, and hands out the very same
     * Upstream for the others, which a template's cache recognizes at once.
     */
    private final Map<String, Upstream> built = new HashMap<>();
    private final Set<String> touched = new HashSet<>();
    /** Groups of the last snapshot that routing left containers of out (lower-case names). */
    private final Set<String> narrowedBefore = new HashSet<>();
    private final Routing routing;

    public Registry(Selection selection) {
        this(selection, ServingPolicy.DEFAULT);
    }

    public Registry(Selection selection, ServingPolicy policy) {
        this.selection = selection;
        this.policy = policy;
        this.resolver = new BackendResolver(selection);
        this.routing = new Routing(selection.labels());
        this.upstreams = new TreeSet<>(selection.declaredUpstreams());
    }

    private Registry(Registry other) {
        this(other.selection, other.policy);
        byId.putAll(other.byId);
        states.putAll(other.states);
        draining.addAll(other.draining);
        proxyNetworks = other.proxyNetworks;
        upstreams.addAll(other.upstreams);
        built.putAll(other.built);
        touched.addAll(other.touched);
        narrowedBefore.addAll(other.narrowedBefore);
    }

    /** Applies a container's current state; returns whether the snapshot changed. */
    public boolean put(ContainerState container) {
        if (!selection.selects(container.labels())) {
            return remove(container.id());
        }
        states.put(container.id(), container);
        Resolution resolution = resolver.resolve(container, policy, draining.contains(container.id()), proxyNetworks);
        boolean newUpstream = resolution instanceof Resolution.Served served && upstreams.add(served.upstream());
        Resolution previous = byId.put(container.id(), resolution);
        if (resolution.equals(previous) && !newUpstream) {
            return false;
        }
        touch(previous);
        touch(resolution);
        return true;
    }

    /** Forgets a container (destroyed, or no longer selected); returns whether the snapshot changed. */
    public boolean remove(String containerId) {
        draining.remove(containerId);
        states.remove(containerId);
        Resolution removed = byId.remove(containerId);
        touch(removed);
        return removed != null;
    }

    private void touch(Resolution resolution) {
        if (resolution instanceof Resolution.Served served) {
            touched.add(served.upstream().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The container received SIGTERM or SIGINT: it leaves now, while it can still finish what it
     * serves, and stays out, whatever inspect says, until {@link #stopDraining}. A container not
     * known yet is remembered, since its kill event may come before its listing. Does nothing when
     * the policy does not drain. Returns whether the snapshot changed.
     */
    public boolean drain(String containerId) {
        if (!policy.drain() || !draining.add(containerId)) {
            return false;
        }
        return reapply(containerId);
    }

    /** The container started again or exited; returns whether the snapshot changed. */
    public boolean stopDraining(String containerId) {
        return draining.remove(containerId) && reapply(containerId);
    }

    /**
     * The networks of the proxy containers: a container on several networks is reached on the one
     * it shares with them. Returns whether the snapshot changed.
     */
    public boolean useProxyNetworks(Set<String> networks) {
        if (networks.equals(proxyNetworks)) {
            return false;
        }
        proxyNetworks = Set.copyOf(networks);
        Snapshot before = snapshot();
        List.copyOf(states.values()).forEach(this::put);
        return !before.equals(snapshot());
    }

    /**
     * Replaces everything with a fresh listing, as after a (re)connect; returns whether the snapshot
     * changed. A draining container in the listing stays draining: inspect says only "running".
     */
    public boolean replaceAll(Collection<ContainerState> containers) {
        Snapshot before = snapshot();
        byId.clear();
        states.clear();
        built.clear();
        narrowedBefore.clear();
        draining.retainAll(containers.stream().filter(ContainerState::running).map(ContainerState::id).toList());
        containers.forEach(this::put);
        return !before.equals(snapshot());
    }

    private boolean reapply(String containerId) {
        ContainerState state = states.get(containerId);
        return state != null && put(state);
    }

    /**
     * The snapshot as it will be once these containers run as foreseen; the registry itself stays
     * as it is. A copy takes them, so that its groups not touched are the very ones of the last
     * snapshot, which a template's cache recognizes.
     */
    public Snapshot snapshotWith(Collection<ContainerState> foreseen) {
        Registry copy = new Registry(this);
        foreseen.forEach(copy::put);
        return copy.snapshot();
    }

    public Snapshot snapshot() {
        Map<String, String> groups = groupNames();
        SortedMap<String, List<Resolution.Served>> members = new TreeMap<>();
        new HashSet<>(groups.values()).forEach(name -> members.put(name, new ArrayList<>()));
        List<Exclusion> exclusions = new ArrayList<>();
        for (Resolution resolution : byId.values()) {
            if (resolution instanceof Resolution.Served served) {
                String group = groups.get(served.upstream());
                if (group.equals(served.upstream())) {
                    members.get(group).add(served);
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
        Routing.Decision routing = this.routing.decide(members);
        exclusions.addAll(routing.leftOut().values());
        members.forEach((name, served) -> {
            String key = name.toLowerCase(Locale.ROOT);
            Upstream last = built.get(key);
            List<Route> routes = routing.routesOf(name);
            boolean narrowed = served.stream().anyMatch(s -> routing.leftOut().containsKey(s.backend().containerId()));
            // A group that routing narrowed is built again every time: who is left out depends on the other groups too.
            if (touched.contains(key) || last == null || !last.name().equals(name) || !last.routes().equals(routes)
                    || narrowed || narrowedBefore.contains(key)) {
                built.put(key, new Upstream(name, served.stream().map(Resolution.Served::backend)
                        .filter(b -> !routing.leftOut().containsKey(b.containerId())).toList(), routes));
            }
            if (narrowed) {
                narrowedBefore.add(key);
            } else {
                narrowedBefore.remove(key);
            }
        });
        touched.clear();
        List<Upstream> result = members.keySet().stream().map(name -> built.get(name.toLowerCase(Locale.ROOT))).toList();
        return new Snapshot(result, exclusions);
    }

    /**
     * For every upstream name, the name of its group: names that differ only in case are one group
     * (nginx compares upstream names without case, so "web" and "WEB" would be a duplicate), named
     * by the one most containers serve now, then by the first in sort order, so that the choice
     * never depends on the order containers arrived in. Containers are counted only where names
     * collide, which they rarely do.
     */
    private Map<String, String> groupNames() {
        Map<String, List<String>> byKey = new HashMap<>();
        upstreams.forEach(name -> byKey.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(name));
        Set<String> colliding = new HashSet<>();
        byKey.values().stream().filter(names -> names.size() > 1).forEach(colliding::addAll);
        Map<String, Integer> serving = new HashMap<>();
        if (!colliding.isEmpty()) {
            byId.values().forEach(r -> {
                if (r instanceof Resolution.Served served && colliding.contains(served.upstream())) {
                    serving.merge(served.upstream(), 1, Integer::sum);
                }
            });
        }
        Map<String, String> groups = new HashMap<>();
        for (List<String> names : byKey.values()) {
            // In sort order (upstreams is sorted): the first one wins a tie.
            String chosen = names.get(0);
            for (String other : names) {
                if (serving.getOrDefault(other, 0) > serving.getOrDefault(chosen, 0)) {
                    chosen = other;
                }
            }
            for (String name : names) {
                groups.put(name, chosen);
            }
        }
        return groups;
    }

    public int size() {
        return byId.size();
    }
}
