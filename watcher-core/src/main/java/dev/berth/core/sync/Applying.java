package dev.berth.core.sync;

import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.docker.Foresight;
import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Snapshot;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.BackendSource;
import dev.berth.core.source.SourceRead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a batch of changes into the registry: drain transitions in the order the signals came, a
 * full read after a resync, further sources' whole sets, then one inspection per container named,
 * or, for a lone container just connected to its network, the foresight of its start. Owned by the
 * watcher's thread, as the registry is.
 */
final class Applying {

    /** The watcher's: the log lines, and the levels users set for them, stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(Watcher.class);

    /**
     * What a batch did. @param changed the registry changed @param foresaw a container was seen
     * starting @param startingLeft a container seen starting before is not (it runs, or failed to)
     */
    record Applied(boolean changed, boolean foresaw, boolean startingLeft) {
    }

    private final Registry registry;
    private final EngineContainers engine;
    private final SourcedBackends sourced;
    private final ServingPolicy policy;
    /** The networks of the proxies reloaded, asked at each full read: a backend is reached on the one it shares with them. */
    private final Supplier<Set<String>> proxyNetworks;
    /** Containers connected to their networks but not running yet, as they will be once they run. */
    private final Map<String, ContainerState> starting = new LinkedHashMap<>();

    Applying(Registry registry, EngineContainers engine, SourcedBackends sourced, ServingPolicy policy,
            Supplier<Set<String>> proxyNetworks) {
        this.registry = registry;
        this.engine = engine;
        this.sourced = sourced;
        this.policy = policy;
        this.proxyNetworks = proxyNetworks;
    }

    /** @param mayForesee whether a lone container just connected may be foreseen rather than waited for */
    Applied apply(List<Task> batch, boolean mayForesee) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> connectedOnly = new HashSet<>();
        Map<BackendSource, SourceRead> reads = new LinkedHashMap<>();
        boolean resync = false;
        boolean any = false;
        for (Task task : batch) {
            if (task instanceof Task.SourceChanged s) {
                reads.put(s.source(), s.read());
            }
            if (task instanceof Task.Resync) {
                resync = true;
                changed.clear();
                connectedOnly.clear();
            } else if (task instanceof Task.Changed c) {
                // In order, before any inspection: inspect cannot tell a draining container from a running one.
                any |= drainTransition(c);
                String id = c.event().containerId();
                if (changed.add(id) && c.event().action().equals("connect")) {
                    connectedOnly.add(id);
                } else if (!c.event().action().equals("connect")) {
                    connectedOnly.remove(id);
                }
            }
        }
        boolean startingLeft = false;
        if (resync) {
            startingLeft = !starting.isEmpty();
            starting.clear();
            registry.useProxyNetworks(proxyNetworks.get());
            // Always apply after a resync: the file may not exist yet, or may have been edited by hand.
            List<ContainerState> all = new ArrayList<>(engine.listSelected());
            all.addAll(sourced.all());
            registry.replaceAll(all);
            any = true;
        }
        for (Map.Entry<BackendSource, SourceRead> read : reads.entrySet()) {
            if (read.getValue().full()) {
                registry.useProxyNetworks(proxyNetworks.get());
            }
            any |= sourced.apply(read.getKey(), read.getValue().backends(), registry) | read.getValue().full();
        }
        boolean foresaw = false;
        for (String id : changed) {
            // Docker announces the network before the start, and its inspect waits for the start to
            // complete: a lone container starting is foreseen now, and inspected at its start event.
            boolean foresee = mayForesee && connectedOnly.size() == 1 && connectedOnly.contains(id);
            Foresight foresight = foresee ? engine.foresee(id) : new Foresight.Inspect();
            if (foresight instanceof Foresight.Starting s) {
                starting.put(id, s.once());
                foresaw = true;
                continue;
            }
            startingLeft |= starting.remove(id) != null;
            if (foresight instanceof Foresight.Unselected) {
                any |= registry.remove(id);
            } else {
                any |= engine.inspect(id).map(registry::put).orElseGet(() -> registry.remove(id));
            }
        }
        return new Applied(any, foresaw, startingLeft);
    }

    private boolean drainTransition(Task.Changed change) {
        ContainerEvent event = change.event();
        if (change.startsDrain(policy)) {
            log.info("container {} received signal {}: it gets no new request while it finishes",
                    ContainerIds.shorten(event.containerId()), event.attributes().get("signal"));
            return registry.drain(event.containerId());
        }
        return event.endsDrain() && registry.stopDraining(event.containerId());
    }

    /** Whether a container was foreseen starting and has not been inspected running since. */
    boolean foreseeing() {
        return !starting.isEmpty();
    }

    Snapshot snapshot() {
        return registry.snapshot();
    }

    /** The snapshot as it will be once the containers foreseen starting run. */
    Snapshot foreseen() {
        return registry.snapshotWith(starting.values());
    }
}
