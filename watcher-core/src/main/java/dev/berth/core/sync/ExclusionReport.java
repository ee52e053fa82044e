package dev.berth.core.sync;

import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says once why each container is left out, rather than on every pass. */
final class ExclusionReport {

    /** The pipeline's logger, as before this class was split from it: log settings that name it still apply. */
    private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

    private Set<Exclusion> reported = Set.of();

    void reportNew(Snapshot snapshot) {
        Set<Exclusion> now = new HashSet<>(snapshot.exclusions());
        for (Exclusion exclusion : snapshot.exclusions()) {
            if (!reported.contains(exclusion)) {
                // A stopped container is routine; a label Berth cannot use needs someone to act.
                String id = ContainerIds.shorten(exclusion.containerId());
                if (exclusion.kind() == Exclusion.Kind.STATE) {
                    log.info("left out container {} ({}): {}", exclusion.containerName(), id, exclusion.reason());
                } else {
                    log.warn("left out container {} ({}): {}", exclusion.containerName(), id, exclusion.reason());
                }
            }
        }
        reported = now;
    }
}
