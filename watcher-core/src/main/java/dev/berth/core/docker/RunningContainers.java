package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.core.model.LabelFilter;
import java.util.List;

/** The one Docker query for running containers that match label filters, as `docker ps --filter label=…`. */
final class RunningContainers {

    private RunningContainers() {
    }

    static List<Container> list(DockerClient docker, List<LabelFilter> filters) {
        return docker.listContainersCmd()
                .withLabelFilter(filters.stream().map(LabelFilter::toDockerFilter).toList())
                .withStatusFilter(List.of("running"))
                .exec();
    }
}
