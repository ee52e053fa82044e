package dev.berth.core.source;

import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.model.ContainerState;
import java.io.Closeable;
import java.util.List;

/**
 * A source of backends besides the local engine's containers (Swarm services, or a third one): it
 * reads them itself, on its own threads, and tells the watcher every time the whole set it serves
 * changed. Its backends feed the same registry as containers do: the registry, the pipeline and the
 * renderers do not care where a backend came from. The backends are {@link ContainerState}s: a
 * unique id, a name, a status ("running" or why not), the labels the selection and the label schema
 * read, and the addresses per network.
 */
public interface BackendSource extends Closeable {

    /** Where a source tells what it read; called from the source's thread, so it must return quickly. */
    interface Listener {
        void backendsRead(BackendSource source, SourceRead read);
    }

    /** For the log: what is followed, and where. */
    String describe();

    /** Starts following; returns at once and keeps retrying in the background when the source is unreachable. */
    void start(Listener listener, DaemonChecks checks);

    /**
     * One full read now, for `berth render`.
     *
     * @param explain also what is left out on its way out (shutting down), for --explain
     */
    List<ContainerState> read(boolean explain);

    @Override
    void close();
}
