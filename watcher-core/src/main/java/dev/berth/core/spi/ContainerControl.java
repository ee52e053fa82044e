package dev.berth.core.spi;

import dev.berth.core.model.ContainerIds;
import dev.berth.core.model.LabelFilter;
import java.util.List;
import java.util.Set;

/** The part of the Docker Engine that plugins may use, so that they need not depend on docker-java. */
public interface ContainerControl {

    /** Running containers that match every filter. */
    List<ContainerRef> running(List<LabelFilter> filters);

    /** The names of the networks that the running containers matching every filter are attached to. */
    default Set<String> networks(List<LabelFilter> filters) {
        return Set.of();
    }

    /** Sends a signal ("HUP", "USR2" …) to the container's main process. */
    void signal(String containerId, String signal);

    record ContainerRef(String id, String name) {
        public String shortId() {
            return ContainerIds.shorten(id);
        }
    }
}
