package dev.berth.core.spi;

import dev.berth.core.model.ContainerIds;

/**
 * A container that was running when listed is not running when asked to do something (it restarts,
 * has stopped, or is gone). For a proxy this is no verdict on a configuration: it is no target, and
 * reads the file as it is when it runs again.
 */
public final class ContainerNotRunningException extends RuntimeException {

    public ContainerNotRunningException(String containerId, String why) {
        super("container " + ContainerIds.shorten(containerId) + " is not running: " + why);
    }
}
