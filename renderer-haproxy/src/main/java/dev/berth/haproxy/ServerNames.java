package dev.berth.haproxy;

import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.Upstream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HAProxy server names for one backend: taken from the container name so that logs and the stats
 * page say which container is meant, safe in a config line, stable, and unique within the backend.
 * Computed here rather than in the template, where uniqueness within a backend is awkward.
 */
final class ServerNames {

    /** The key under which templates find a backend's server name. */
    static final String KEY = "server_name";

    private ServerNames() {
    }

    /** What the renderer adds to every backend's template map, as a {@code TemplateModel.BackendKeys}. */
    static List<Map<String, Object>> keys(Upstream upstream) {
        return of(upstream).stream().map(name -> Map.<String, Object>of(KEY, name)).toList();
    }

    /** One name per backend, in the upstream's (deterministic) backend order. */
    static List<String> of(Upstream upstream) {
        List<String> base = upstream.backends().stream().map(ServerNames::base).toList();
        Map<String, Integer> uses = new HashMap<>();
        base.forEach(name -> uses.merge(name, 1, Integer::sum));

        List<String> names = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            String name = base.get(i);
            names.add(uses.get(name) > 1 ? name + "_" + ContainerIds.shorten(upstream.backends().get(i).containerId()) : name);
        }
        return numberRemainingDuplicates(names);
    }

    /** The model allows only {@code [A-Za-z0-9_.-]} in container names and ids, which HAProxy takes as they are. */
    private static String base(Backend backend) {
        String name = backend.containerName();
        if (name.isEmpty()) {
            name = ContainerIds.shorten(backend.containerId());
        }
        return name.isEmpty() ? "server" : name;
    }

    /** One container serving twice (on two ports, say) still needs two names: number the later ones. */
    private static List<String> numberRemainingDuplicates(List<String> names) {
        Set<String> original = new HashSet<>(names);
        Set<String> used = new HashSet<>();
        List<String> unique = new ArrayList<>();
        for (String name : names) {
            String candidate = name;
            int n = 1;
            while (!used.add(candidate)) {
                do {
                    n++;
                    candidate = name + "_" + n;
                } while (original.contains(candidate));
            }
            unique.add(candidate);
        }
        return unique;
    }
}
