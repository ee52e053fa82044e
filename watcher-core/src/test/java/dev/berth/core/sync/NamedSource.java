package dev.berth.core.sync;

import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.model.ContainerState;
import dev.berth.core.source.BackendSource;
import java.util.List;

/** A further source that follows nothing: tests tell its sets themselves, as {@link Task.SourceChanged}s or to {@link SourcedBackends}. */
record NamedSource(String describe) implements BackendSource {

    @Override
    public void start(Listener listener, DaemonChecks checks) {
    }

    @Override
    public List<ContainerState> read(boolean explain) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
