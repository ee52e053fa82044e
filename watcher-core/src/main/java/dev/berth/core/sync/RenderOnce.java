package dev.berth.core.sync;

import dev.berth.core.docker.ContainerInspector;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.model.Snapshot;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.spi.Renderer;
import jakarta.inject.Inject;

/** One pass, for `berth render`: the configuration for the containers running now. */
public final class RenderOnce {

    private final DockerConnection docker;
    private final Selection selection;
    private final Renderer renderer;
    private final ServingPolicy policy;

    @Inject
    public RenderOnce(DockerConnection docker, Selection selection, Renderer renderer, ServingPolicy policy) {
        this.docker = docker;
        this.selection = selection;
        this.renderer = renderer;
        this.policy = policy;
    }

    public Snapshot snapshot() {
        docker.ping();
        Registry registry = new Registry(selection, policy);
        registry.replaceAll(new ContainerInspector(docker.requests(), selection.filters()).listSelected());
        return registry.snapshot();
    }

    /** As {@link #snapshot}, with the selected containers that are not running among the exclusions. */
    public Snapshot snapshotOfAllSelected() {
        docker.ping();
        Registry registry = new Registry(selection, policy);
        registry.replaceAll(new ContainerInspector(docker.requests(), selection.filters()).listAllSelected());
        return registry.snapshot();
    }

    public String render(Snapshot snapshot) {
        return renderer.render(snapshot);
    }
}
