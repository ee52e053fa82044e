package dev.berth.core.registry;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Route;
import java.util.Set;

/** What one selected container contributes: a backend of an upstream, or the reason it is left out. */
sealed interface Resolution {

    /** @param routes what the container's labels ask its group to be reached by; empty: none asked */
    record Served(String upstream, Backend backend, Set<Route> routes) implements Resolution {

        public Served {
            routes = Set.copyOf(routes);
        }

        Served(String upstream, Backend backend) {
            this(upstream, backend, Set.of());
        }
    }

    record Excluded(Exclusion exclusion) implements Resolution {
    }
}
