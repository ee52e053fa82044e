package dev.berth.core.template;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.RoutingTable;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

        /** Keys the renderer adds to the upstream itself (HAProxy's free server slots, say); none by default. */
        default Map<String, Object> ofUpstream(Upstream upstream) {
            return Map.of();
        }
    }

    /** No extra key on any backend. */
    public static final BackendKeys NO_KEYS = upstream -> upstream.backends().stream().map(b -> Map.<String, Object>of()).toList();

    public static Map<String, Object> of(Snapshot snapshot) {
        return of(snapshot, NO_KEYS);
    }

    public static Map<String, Object> of(Snapshot snapshot, BackendKeys extra) {
        return of(snapshot, extra, Map.of());
    }

    /** @param options the renderer's own settings, for its template to read as {@code options} */
    public static Map<String, Object> of(Snapshot snapshot, BackendKeys extra, Map<String, Object> options) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("upstreams", snapshot.upstreams().stream().map(u -> new UpstreamMap(u, extra)).toList());
        context.put("hosts", RoutingTable.of(snapshot).hosts().stream().map(TemplateModel::host).toList());
        context.put("excluded", snapshot.exclusions().stream().map(TemplateModel::exclusion).toList());
        context.put("options", Map.copyOf(options));
        return context;
    }

    private static Map<String, Object> host(RoutingTable.Host host) {
        return Map.of("name", host.name(), "wildcard", host.wildcard(), "suffix", host.suffix(), "root", host.root(),
                "paths", host.paths().stream().map(p -> Map.<String, Object>of("path", p.path(), "upstream", p.upstream())).toList());
    }

    private static List<Map<String, Object>> routes(Upstream upstream) {
        return upstream.routes().stream().map(r -> Map.<String, Object>of("host", r.host(), "path", r.path(),
                "wildcard", r.wildcard(), "suffix", r.suffix())).toList();
    }

    /**
     * An upstream as the map templates read: its backends' maps are made when a template first
     * reads them, so that a fragment the {@code cache} tag already holds costs nothing. Two such
     * maps of one upstream record are equal at once; the same record is the same instance when
     * the registry reused it for an unchanged group.
     */
    private static final class UpstreamMap extends AbstractMap<String, Object> {
        private final Upstream upstream;
        private final BackendKeys extra;
        private List<Map<String, Object>> backends;

        UpstreamMap(Upstream upstream, BackendKeys extra) {
            this.upstream = upstream;
            this.extra = extra;
        }

        @Override
        public Object get(Object key) {
            if ("name".equals(key)) {
                return upstream.name();
            }
            if ("routes".equals(key)) {
                return routes(upstream);
            }
            return "backends".equals(key) ? backends() : extra.ofUpstream(upstream).get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return "name".equals(key) || "backends".equals(key) || "routes".equals(key)
                    || extra.ofUpstream(upstream).containsKey(key);
        }

        /** Without making the backends' maps (Jinjava asks for the size of every map it reads). */
        @Override
        public int size() {
            return 3 + extra.ofUpstream(upstream).size();
        }

        private List<Map<String, Object>> backends() {
            if (backends == null) {
                List<Backend> list = upstream.backends();
                List<Map<String, Object>> keys = extra.of(upstream);
                if (keys.size() != list.size()) {
                    throw new IllegalArgumentException("extra keys for " + keys.size() + " of " + list.size() + " backends");
                }
                List<Map<String, Object>> maps = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    maps.add(new BackendMap(list.get(i), keys.get(i)));
                }
                backends = List.copyOf(maps);
            }
            return backends;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>(extra.ofUpstream(upstream));
            all.put("name", upstream.name());
            all.put("backends", backends());
            all.put("routes", routes(upstream));
            return Collections.unmodifiableMap(all).entrySet();
        }

        /** The same keys (a pure function of the upstream) on an equal upstream give equal maps. */
        @Override
        public boolean equals(Object other) {
            if (other instanceof UpstreamMap that && that.extra == extra) {
                return that.upstream == upstream || that.upstream.equals(upstream);
            }
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /**
     * A backend as the map templates read, each value made when it is read: a template reads a few
     * keys of each backend, and making all of them for 10,000 backends was most of a render.
     */
    private static final class BackendMap extends AbstractMap<String, Object> {
        private static final List<String> KEYS = List.of("id", "name", "address", "port", "endpoint", "ipv6",
                "weight", "backup", "health", "labels");

        private final Backend backend;
        private final Map<String, Object> extra;

        BackendMap(Backend backend, Map<String, Object> extra) {
            this.backend = backend;
            this.extra = extra;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            return switch (name) {
                case "id" -> backend.containerId();
                case "name" -> backend.containerName();
                case "address" -> backend.address();
                case "port" -> backend.port();
                case "endpoint" -> backend.endpoint();
                case "ipv6" -> backend.ipv6();
                case "weight" -> backend.weight();
                case "backup" -> backend.backup();
                case "health" -> backend.health().name().toLowerCase(Locale.ROOT);
                case "labels" -> backend.labels();
                default -> extra.get(name);
            };
        }

        @Override
        public boolean containsKey(Object key) {
            return KEYS.contains(key) || extra.containsKey(key);
        }

        @Override
        public int size() {
            return KEYS.size() + (int) extra.keySet().stream().filter(key -> !KEYS.contains(key)).count();
        }

        /** The renderer's extra keys first, then the model's, which win a clash. */
        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>(extra);
            KEYS.forEach(key -> all.put(key, get(key)));
            return Collections.unmodifiableMap(all).entrySet();
        }

        @Override
        public boolean equals(Object other) {
            if (other instanceof BackendMap that && that.backend.equals(backend) && that.extra.equals(extra)) {
                return true;
            }
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    private static Map<String, Object> exclusion(Exclusion exclusion) {
        return Map.of("id", exclusion.containerId(), "name", exclusion.containerName(),
                "kind", exclusion.kind().name().toLowerCase(Locale.ROOT), "reason", exclusion.reason());
    }

}
