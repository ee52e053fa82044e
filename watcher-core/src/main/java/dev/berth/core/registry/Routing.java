package dev.berth.core.registry;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Route;
import dev.berth.core.model.Upstream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Decides which host names and paths reach each group. Routes belong to a group, but come from
 * its containers' labels, so containers may disagree: the routes most of the group's containers
 * ask for are the group's (a tie goes to the first container in the group's order), and a
 * container that asks for others is left out until its labels agree. A route two groups ask for
 * goes to the first group by name; the other group is left out whole, because serving it on only
 * some of the routes its labels name would be a surprise nobody asked for.
 */
final class Routing {

    private static final Comparator<Resolution.Served> CONTAINER_ORDER = Comparator.comparing(Resolution.Served::backend, Upstream.ORDER);

    /**
     * @param routes every group's routes, in {@link Route#MATCH_ORDER}
     * @param leftOut the containers left out, by container id
     */
    record Decision(Map<String, List<Route>> routes, Map<String, Exclusion> leftOut) {

        List<Route> routesOf(String group) {
            return routes.getOrDefault(group, List.of());
        }
    }

    private final LabelSchema labels;

    Routing(LabelSchema labels) {
        this.labels = labels;
    }

    /** @param members the served containers of every group, groups in name order */
    Decision decide(SortedMap<String, List<Resolution.Served>> members) {
        Map<String, List<Route>> routes = new HashMap<>();
        Map<String, Exclusion> leftOut = new HashMap<>();
        Map<Route, String> claimed = new HashMap<>();
        members.forEach((group, served) -> {
            Set<Route> agreed = agreed(served);
            List<Resolution.Served> agreeing = new ArrayList<>();
            for (Resolution.Served container : served) {
                if (container.routes().equals(agreed)) {
                    agreeing.add(container);
                } else {
                    leftOut.put(container.backend().containerId(), exclusion(container.backend(), "its labels " + labels.host()
                            + " and " + labels.path() + " route " + describe(container.routes()) + ", but group " + group
                            + "'s other containers route " + describe(agreed) + "; give a group's containers the same labels"));
                }
            }
            var taken = agreed.stream().sorted(Route.MATCH_ORDER).filter(claimed::containsKey).findFirst();
            if (taken.isPresent()) {
                String reason = "group " + group + " asks for host " + taken.get().host() + " path " + taken.get().path()
                        + ", which group " + claimed.get(taken.get()) + " (first by name) already has; give each route to one group";
                agreeing.forEach(container -> leftOut.put(container.backend().containerId(), exclusion(container.backend(), reason)));
            } else {
                agreed.forEach(route -> claimed.put(route, group));
                routes.put(group, agreed.stream().sorted(Route.MATCH_ORDER).toList());
            }
        });
        return new Decision(routes, leftOut);
    }

    /** The routes most containers ask for; on a tie, those of the first container in the group's order. */
    private static Set<Route> agreed(List<Resolution.Served> served) {
        Map<Set<Route>, Integer> counts = new HashMap<>();
        served.forEach(container -> counts.merge(container.routes(), 1, Integer::sum));
        if (counts.size() <= 1) {
            return counts.isEmpty() ? Set.of() : counts.keySet().iterator().next();
        }
        Set<Route> best = null;
        for (Resolution.Served container : served.stream().sorted(CONTAINER_ORDER).toList()) {
            if (best == null || counts.get(container.routes()) > counts.get(best)) {
                best = container.routes();
            }
        }
        return best;
    }

    private static String describe(Set<Route> routes) {
        return routes.isEmpty() ? "nothing" : routes.stream().sorted(Route.MATCH_ORDER).map(Route::toString)
                .collect(Collectors.joining(", "));
    }

    private static Exclusion exclusion(Backend backend, String reason) {
        return new Exclusion(backend.containerId(), backend.containerName(), Exclusion.Kind.CONFIGURATION, reason);
    }
}
