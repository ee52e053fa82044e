package dev.berth.core.sync;

import dev.berth.core.model.ContainerState;
import dev.berth.core.registry.Registry;
import dev.berth.core.source.BackendSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each further source ({@link BackendSource}) told last, put into the registry as a
 * difference: a source tells its whole set each time, the registry takes only what changed. Owned
 * by the watcher's thread.
 */
final class SourcedBackends {

    private final Map<BackendSource, List<ContainerState>> told = new LinkedHashMap<>();

    /** Takes a source's whole set; returns whether the registry changed. */
    boolean apply(BackendSource source, List<ContainerState> backends, Registry registry) {
        List<ContainerState> before = told.put(source, List.copyOf(backends));
        Set<String> now = backends.stream().map(ContainerState::id).collect(Collectors.toSet());
        boolean changed = false;
        if (before != null) {
            for (ContainerState gone : before) {
                if (!now.contains(gone.id())) {
                    changed |= registry.remove(gone.id());
                }
            }
        }
        for (ContainerState backend : backends) {
            changed |= registry.put(backend);
        }
        return changed;
    }

    /** What every source told last, to keep when the containers are read again in full. */
    List<ContainerState> all() {
        List<ContainerState> all = new ArrayList<>();
        told.values().forEach(all::addAll);
        return all;
    }
}
