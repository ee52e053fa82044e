package dev.berth.core.source;

import dev.berth.core.model.ContainerState;
import java.util.List;

/**
 * Everything a source serves now, replacing what it told before.
 *
 * @param urgent something stopped serving: put it into effect without waiting for a burst to settle
 * @param full the first read after the source (re)connected: put into effect even if nothing
 *     seems to have changed (the file may not exist yet)
 */
public record SourceRead(List<ContainerState> backends, boolean urgent, boolean full) {
    public SourceRead {
        backends = List.copyOf(backends);
    }
}
