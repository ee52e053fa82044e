package dev.berth.core.sync;

import dev.berth.core.docker.ContainerInspector;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Snapshot;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.Sources;
import dev.berth.core.spi.Renderer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** One pass, for `berth render`: the configuration for the containers running now. */
public final class RenderOnce {

    private final DockerConnection docker;
    private final Selection selection;
    private final Renderer renderer;
    private final ServingPolicy policy;
    private final Sources sources;

    @Inject
    public RenderOnce(DockerConnection docker, Selection selection, Renderer renderer, ServingPolicy policy, Sources sources) {
        this.sources = sources;
        this.docker = docker;
        this.selection = selection;
        this.renderer = renderer;
        this.policy = policy;
    }

    public Snapshot snapshot() {
        return snapshot(false);
    }

    /**
     * As {@link #snapshot}, with the selected containers that are not running among the exclusions,
     * and the tasks of further sources on their way out.
     */
    public Snapshot snapshotOfAllSelected() {
        return snapshot(true);
    }

    private Snapshot snapshot(boolean explain) {
        docker.ping();
        List<ContainerState> all = new ArrayList<>();
        if (sources.containers()) {
            ContainerInspector inspector = new ContainerInspector(docker.requests(), selection.filters(), !sources.others().isEmpty());
            all.addAll(explain ? inspector.listAllSelected() : inspector.listSelected());
        }
        sources.others().forEach(source -> all.addAll(source.read(explain)));
        Registry registry = new Registry(selection, policy);
        registry.replaceAll(all);
        return registry.snapshot();
    }

    public String render(Snapshot snapshot) {
        return renderer.render(snapshot);
    }
}
