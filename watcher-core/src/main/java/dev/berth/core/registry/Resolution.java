package dev.berth.core.registry;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;

/** What one selected container contributes: a backend of an upstream, or the reason it is left out. */
sealed interface Resolution {

    record Served(String upstream, Backend backend) implements Resolution {
    }

    record Excluded(Exclusion exclusion) implements Resolution {
    }
}
