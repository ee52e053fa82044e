package dev.berth.core.sync;

import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.BackendSource;
import dev.berth.core.source.SourceRead;
import java.util.List;
import java.util.OptionalLong;

/** A change the sources told, queued in an {@link Inbox} until the watcher's thread applies it. */
sealed interface Task {

    /** @param arrived when it arrived ({@link System#nanoTime()}) */
    record Changed(ContainerEvent event, long arrived) implements Task {

        /** The container was told to stop (SIGTERM, SIGINT) and draining is on: it gets no new request. */
        boolean startsDrain(ServingPolicy policy) {
            return event.startsDrain() && policy.drain();
        }
    }

    record Resync(String why) implements Task {
    }

    /** A further source's whole set. @param arrived when it arrived ({@link System#nanoTime()}) */
    record SourceChanged(BackendSource source, SourceRead read, long arrived) implements Task {
    }

    /** When the first change of a batch arrived; a resync is none: no event started it. */
    static OptionalLong firstArrival(List<Task> batch) {
        return batch.stream().mapToLong(t -> t instanceof Changed c ? c.arrived()
                : t instanceof SourceChanged s ? s.arrived() : Long.MAX_VALUE).filter(t -> t != Long.MAX_VALUE).min();
    }
}
