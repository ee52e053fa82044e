package dev.berth.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot's routes by host name, in the order a request's Host header is matched (exact names,
 * then wildcards, longer first), each host's paths longest first: what a template turns into
 * server blocks or use_backend rules, and what --explain prints.
 */
public record RoutingTable(List<Host> hosts) {

    public RoutingTable {
        hosts = List.copyOf(hosts);
    }

    /** @param paths longest first, so that the first prefix that matches is the longest one */
    public record Host(String name, boolean wildcard, String suffix, List<Path> paths) {

        public Host {
            paths = List.copyOf(paths);
        }

        /** Whether "/" is among the paths: if not, a request for another path of this host finds no route. */
        public boolean root() {
            return paths.stream().anyMatch(p -> p.path().equals(Route.DEFAULT_PATH));
        }
    }

    public record Path(String path, String upstream) {
    }

    public static RoutingTable of(Snapshot snapshot) {
        Map<Route, String> upstreams = new TreeMap<>(Route.MATCH_ORDER);
        snapshot.upstreams().forEach(u -> u.routes().forEach(r -> upstreams.put(r, u.name())));
        Map<String, List<Path>> paths = new LinkedHashMap<>();
        Map<String, Route> first = new LinkedHashMap<>();
        upstreams.forEach((route, upstream) -> {
            paths.computeIfAbsent(route.host(), h -> new ArrayList<>()).add(new Path(route.path(), upstream));
            first.putIfAbsent(route.host(), route);
        });
        return new RoutingTable(first.values().stream()
                .map(r -> new Host(r.host(), r.wildcard(), r.suffix(), paths.get(r.host()))).toList());
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }
}
