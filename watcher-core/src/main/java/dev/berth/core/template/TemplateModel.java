package dev.berth.core.template;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The context templates see: plain maps and lists, because Jinjava reads neither records nor
 * Optionals. docs/templates.md documents every key; keep the two in step.
 */
public final class TemplateModel {

    private TemplateModel() {
    }

    /** Keys a renderer adds to every backend of an upstream, such as a name unique within it. */
    @FunctionalInterface
    public interface BackendKeys {
        /** One map per backend of the upstream, in the upstream's order. */
        List<Map<String, Object>> of(Upstream upstream);
    }

    /** No extra key on any backend. */
    public static final BackendKeys NO_KEYS = upstream -> upstream.backends().stream().map(b -> Map.<String, Object>of()).toList();

    public static Map<String, Object> of(Snapshot snapshot) {
        return of(snapshot, NO_KEYS);
    }

    public static Map<String, Object> of(Snapshot snapshot, BackendKeys extra) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("upstreams", snapshot.upstreams().stream().map(u -> upstream(u, extra.of(u))).toList());
        context.put("excluded", snapshot.exclusions().stream().map(TemplateModel::exclusion).toList());
        return context;
    }

    private static Map<String, Object> upstream(Upstream upstream, List<Map<String, Object>> extra) {
        List<Backend> backends = upstream.backends();
        if (extra.size() != backends.size()) {
            throw new IllegalArgumentException("extra keys for " + extra.size() + " of " + backends.size() + " backends");
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            maps.add(backend(backends.get(i), extra.get(i)));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", upstream.name());
        map.put("backends", List.copyOf(maps));
        return map;
    }

    private static Map<String, Object> backend(Backend backend, Map<String, Object> extra) {
        Map<String, Object> map = new LinkedHashMap<>(extra);
        map.put("id", backend.containerId());
        map.put("name", backend.containerName());
        map.put("address", backend.address());
        map.put("port", backend.port());
        map.put("endpoint", backend.endpoint());
        map.put("ipv6", backend.ipv6());
        map.put("weight", backend.weight());
        map.put("backup", backend.backup());
        map.put("health", backend.health().name().toLowerCase(Locale.ROOT));
        map.put("labels", backend.labels());
        return map;
    }

    private static Map<String, Object> exclusion(Exclusion exclusion) {
        return Map.of("id", exclusion.containerId(), "name", exclusion.containerName(),
                "kind", exclusion.kind().name().toLowerCase(Locale.ROOT), "reason", exclusion.reason());
    }

}
