package dev.berth.core.testing;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Health;
import dev.berth.core.model.Route;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Backends and snapshots that the model and renderer tests share; the golden files render these. */
public final class Snapshots {

    private Snapshots() {
    }

    /** A backend of a Compose service named after the container (web-1 serves web), with a stable id. */
    public static Backend backend(String name, String address, int port, int weight, boolean backup) {
        String id = Integer.toHexString(name.hashCode()).repeat(8); // stable across runs, like Docker's hex ids
        return new Backend(id, name, address, port, weight, backup, Health.NONE,
                new TreeMap<>(Map.of("com.docker.compose.service", name.replaceAll("-\\d+$", ""))));
    }

    /** Two groups with a weight, a backup and an IPv6 backend ({@link Golden#TWO_UPSTREAMS}). */
    public static List<Upstream> twoUpstreams() {
        return List.of(
                new Upstream("web", List.of(
                        backend("web-1", "172.18.0.3", 80, 0, false),
                        backend("web-2", "172.18.0.4", 80, 5, false),
                        backend("web-3", "fd00:0:0:1::3", 8080, 0, false),
                        backend("web-spare", "172.18.0.9", 80, 0, true))),
                new Upstream("api.v2", List.of(
                        backend("api-1", "10.0.0.10", 9000, 2, false),
                        backend("api-2", "10.0.0.11", 9000, 0, true))));
    }

    public static Snapshot twoUpstreamsSnapshot() {
        return new Snapshot(twoUpstreams(), List.of(
                new Exclusion("c0ffee", "worker-1", Exclusion.Kind.CONFIGURATION, "exposes several TCP ports [80, 443]; set label berth.port or --port")));
    }

    /** The same snapshot, with every list handed over in reverse. */
    public static Snapshot twoUpstreamsReversed() {
        List<Upstream> upstreams = new ArrayList<>();
        for (Upstream upstream : twoUpstreams()) {
            List<Backend> backends = new ArrayList<>(upstream.backends());
            Collections.reverse(backends);
            upstreams.add(new Upstream(upstream.name(), backends));
        }
        Collections.reverse(upstreams);
        return new Snapshot(upstreams, twoUpstreamsSnapshot().exclusions());
    }

    /** One group, web, that no container serves yet ({@link Golden#EMPTY_UPSTREAM}). */
    public static Snapshot emptyUpstreamSnapshot() {
        return new Snapshot(List.of(new Upstream("web", List.of())), List.of());
    }

    /**
     * Three groups with routes ({@link Golden#ROUTED}): web on a host name and a wildcard, api on a
     * path of web's host, shop on only a path of its own host.
     */
    public static Snapshot routed() {
        return new Snapshot(List.of(
                new Upstream("api", List.of(backend("api-1", "172.18.0.5", 9000, 0, false)),
                        List.of(new Route("app.example.com", "/api/"))),
                new Upstream("shop", List.of(backend("shop-1", "172.18.0.6", 80, 0, false)),
                        List.of(new Route("shop.example.com", "/cart"))),
                new Upstream("web", List.of(backend("web-1", "172.18.0.3", 80, 0, false), backend("web-2", "172.18.0.4", 80, 0, false)),
                        List.of(new Route("*.example.org", "/"), new Route("app.example.com", "/")))),
                List.of());
    }

    public static Snapshot single(String upstream, Backend backend) {
        return new Snapshot(List.of(new Upstream(upstream, List.of(backend))), List.of());
    }
}
