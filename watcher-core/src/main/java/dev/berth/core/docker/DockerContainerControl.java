package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.ContainerControl;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@link ContainerControl} over docker-java. */
public final class DockerContainerControl implements ContainerControl {

    private final DockerClient docker;

    public DockerContainerControl(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public List<ContainerRef> running(List<LabelFilter> filters) {
        return RunningContainers.list(docker, filters).stream()
                .map(c -> new ContainerRef(c.getId(), c.getNames() == null || c.getNames().length == 0
                        ? c.getId() : c.getNames()[0].replaceFirst("^/", "")))
                .sorted(Comparator.comparing(ContainerRef::name))
                .toList();
    }

    @Override
    public Set<String> networks(List<LabelFilter> filters) {
        Set<String> networks = new TreeSet<>();
        for (Container container : RunningContainers.list(docker, filters)) {
            if (container.getNetworkSettings() != null && container.getNetworkSettings().getNetworks() != null) {
                networks.addAll(container.getNetworkSettings().getNetworks().keySet());
            }
        }
        return networks;
    }

    @Override
    public void signal(String containerId, String signal) {
        docker.killContainerCmd(containerId).withSignal(signal).exec();
    }
}
