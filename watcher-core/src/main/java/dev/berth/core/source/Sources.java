package dev.berth.core.source;

import java.util.List;

/**
 * Where Berth's backends come from.
 *
 * @param containers whether the local engine's standalone containers are served (they are, unless
 *     only Swarm services are asked for)
 * @param others further sources, each read on its own
 */
public record Sources(boolean containers, List<BackendSource> others) {

    public static final Sources CONTAINERS = new Sources(true, List.of());

    public Sources {
        others = List.copyOf(others);
    }
}
