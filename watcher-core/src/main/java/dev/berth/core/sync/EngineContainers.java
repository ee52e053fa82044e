package dev.berth.core.sync;

import dev.berth.core.docker.ContainerInspector;
import dev.berth.core.docker.Foresight;
import dev.berth.core.model.ContainerState;
import java.util.List;
import java.util.Optional;

/** What {@link Applying} asks the local engine of its containers; {@link #of} answers it from Docker. */
interface EngineContainers {

    List<ContainerState> listSelected();

    Optional<ContainerState> inspect(String containerId);

    Foresight foresee(String containerId);

    /** @param listed whether the engine's containers are served; if not, a full read lists none of them */
    static EngineContainers of(ContainerInspector inspector, boolean listed) {
        return new EngineContainers() {
            @Override
            public List<ContainerState> listSelected() {
                return listed ? inspector.listSelected() : List.of();
            }

            @Override
            public Optional<ContainerState> inspect(String containerId) {
                return inspector.inspect(containerId);
            }

            @Override
            public Foresight foresee(String containerId) {
                return inspector.foresee(containerId);
            }
        };
    }
}
