package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth render --explain} tells, for every container the selection matched, where it serves or why not. */
final class ExplainIT {

    private static DockerClient docker;
    private static Path jar;

    @TempDir
    Path work;

    private Topology topology;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithNginxAndBusybox();
        jar = Prerequisites.berthJar();
        TestImages.backend(docker);
    }

    @BeforeEach
    void network() {
        topology = Topology.create(docker);
    }

    @AfterEach
    void removeEverything() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void printsTheServedContainersWithTheirAddressAndWhyTheOthersAreLeftOut() {
        WebContainer served = topology.startWeb();
        WebContainer badPort = topology.startWeb(TestImages.backend(docker), create -> {
            Map<String, String> labels = new HashMap<>(create.getLabels());
            labels.put("berth.port", "http");
            return create.withLabels(labels);
        });
        WebContainer stopped = topology.startWeb();
        topology.stop(stopped);

        BerthCli.Result result = new BerthCli(jar, work).run("render", "--explain",
                "--select", "com.ameyalokare.type=web", "--select", topology.runFilter(), "--network", topology.network());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).as("%s", result).isEqualTo("""
                3 containers matched the selection: 1 served, 2 left out

                upstream web
                  served    %s (%s)  %s

                left out
                  left out  %s (%s)  label berth.port='http' is not valid: expected a port from 1 to 65535
                  left out  %s (%s)  not running (exited)
                """.formatted(served.name(), served.id().substring(0, 12), served.address(),
                badPort.name(), badPort.id().substring(0, 12),
                stopped.name(), stopped.id().substring(0, 12)));
    }
}
