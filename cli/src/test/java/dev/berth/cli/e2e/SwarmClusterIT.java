package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.core.host.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test harness's Swarm itself: three nodes whose tasks a proxy on the manager reaches over the
 * overlay network, from the host through the manager's address; and nothing left once it is closed.
 * Berth plays no part here: the proxy's configuration is written by hand.
 */
final class SwarmClusterIT {

    @TempDir
    Path work;

    @Test
    void aProxyOnTheManagerReachesTasksOnEveryNodeAndClosingLeavesNothingBehind() throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesBusyboxAndASwarm();
        String backend = TestImages.backend(docker);
        String nginx = TestImages.nginx(docker);
        String prefix;
        try (SwarmCluster swarm = SwarmCluster.start(backend, nginx)) {
            prefix = swarm.manager().hostname().replace("-manager", "");
            assertThat(swarm.manager().docker("node", "ls", "--format", "{{.Hostname}} {{.Status}}").lines())
                    .containsExactlyInAnyOrderElementsOf(swarm.nodes().stream().map(node -> node.hostname() + " Ready").toList());

            swarm.manager().docker("service", "create", "--detach", "--no-resolve-image", "--name", "web",
                    "--network", SwarmCluster.NETWORK, "--replicas", "3", "--replicas-max-per-node", "1", backend);
            Waiting.upTo30s("3 tasks of web run").until(() -> swarm.runningTasks("web").size() == 3);
            List<SwarmTask> tasks = swarm.runningTasks("web");
            assertThat(tasks.stream().map(task -> swarm.node(task.nodeId()).name()))
                    .containsExactlyInAnyOrder("manager", "worker1", "worker2");

            Path confD = Files.createDirectories(work.resolve("conf.d"));
            Files.writeString(confD.resolve("web.conf"), "upstream web {\n" + tasks.stream()
                    .map(task -> "    server " + task.server(SwarmCluster.NETWORK) + ";\n").collect(Collectors.joining()) + "}\n");
            ProxyKind.NGINX.prepare(confD);
            ProxyContainer proxy = SwarmProxies.start(swarm.manager(), ProxyKind.NGINX, nginx, confD, "swarm-harness");
            Set<String> answered = new HashSet<>();
            Waiting.upTo30s("every task answers through nginx on " + proxy.address() + ":" + proxy.port())
                    .until(() -> {
                        answered.add(proxy.get().body());
                        return answered.containsAll(tasks.stream().map(task -> task.containerId().substring(0, 12)).toList());
                    });
        }

        assertThat(Path.of("/tmp", prefix)).doesNotExist();
        assertThat(HostCommand.run(List.of("ip", "netns", "list"), Map.of(), Duration.ofSeconds(10)).output()).doesNotContain(prefix);
        assertThat(HostCommand.run(List.of("ip", "link"), Map.of(), Duration.ofSeconds(10)).output()).doesNotContain(prefix);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("/tmp/" + prefix)))
                .isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("/tmp/" + prefix);
    }
}
