package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.core.docker.ContainerInspector;
import dev.berth.core.docker.Foresight;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.LabelFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the real Docker Engine: a container between its network connect and the end of its start is
 * foreseen exactly as inspect sees it once it runs; one that runs is inspected; one the filters do
 * not select, or that is gone, is nothing to serve.
 */
final class ForesightIT {

    private static DockerClient docker;
    private Topology topology;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
    }

    @AfterEach
    void removeEverything() {
        if (topology != null) {
            topology.close();
        }
    }

    private ContainerInspector inspector(String type) {
        return new ContainerInspector(docker, List.of(LabelFilter.parse(Topology.TYPE_LABEL + "=" + type),
                LabelFilter.parse(topology.runFilter())));
    }

    @Test
    void aStartingContainerIsForeseenAsInspectSeesItOnceItRuns() throws Exception {
        topology = Topology.create(docker);
        ContainerInspector inspector = inspector("web");
        String id = topology.createBackend("web", "web");
        assertThat(inspector.foresee(id)).as("created, not connected yet").isEqualTo(new Foresight.Inspect());

        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> docker.startContainerCmd(id).exec());
        List<Foresight> seen = new ArrayList<>();
        while (!start.isDone()) {
            seen.add(inspector.foresee(id));
            Thread.sleep(2);
        }
        start.join();

        ContainerState running = inspector.inspect(id).orElseThrow();
        List<ContainerState> foreseen = seen.stream().filter(Foresight.Starting.class::isInstance)
                .map(f -> ((Foresight.Starting) f).once()).toList();
        System.out.printf("berth-e2e: foresight while a container started: %d answers, %d of them 'starting'%n",
                seen.size(), foreseen.size());
        assertThat(foreseen).as("what was foreseen while it started (%s)", seen).isNotEmpty().containsOnly(running);
        assertThat(inspector.foresee(id)).as("running").isEqualTo(new Foresight.Inspect());
    }

    @Test
    void aContainerTheFiltersDoNotSelectOrThatIsGoneIsNothingToServe() {
        topology = Topology.create(docker);
        String id = topology.createBackend("web", "web");

        assertThat(inspector("api").foresee(id)).isEqualTo(new Foresight.Unselected());
        docker.removeContainerCmd(id).withForce(true).exec();
        assertThat(inspector("web").foresee(id)).isEqualTo(new Foresight.Unselected());
    }
}
