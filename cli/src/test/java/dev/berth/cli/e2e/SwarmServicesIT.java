package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth with --swarm against a real one-node Swarm ({@link SwarmCluster#startOneNode}): the backends are the
 * running tasks of the selected services, at their addresses on the overlay network, one upstream
 * per service; a scale-up is followed and a scale-down drains. No traffic: the multi-node tests with
 * proxies and load are SwarmEndToEndIT's; this one checks what Berth writes and explains.
 */
final class SwarmServicesIT {

    private static final String WEB = "com.example.type=web";
    /** A service's image and its exposed ports are not the manager's to tell: the port is a service label. */
    private static final String PORT = "berth.port=" + TestImages.BACKEND_PORT;

    private static SwarmCluster swarm;
    private static Path jar;
    private static String backendImage;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    @BeforeAll
    static void oneNodeSwarmWithAnOverlayNetwork() {
        DockerClient docker = Prerequisites.dockerWithProxiesBusyboxAndASwarm();
        jar = Prerequisites.berthJar();
        backendImage = TestImages.backend(docker);
        swarm = SwarmCluster.startOneNode(backendImage);
        docker("network", "create", "--driver", "overlay", "--label", "berth-e2e=swarm", "webnet");
    }

    @AfterAll
    static void tearDown() {
        if (swarm != null) {
            swarm.close();
        }
    }

    @AfterEach
    void removeServices() {
        String services = docker("service", "ls", "-q");
        if (!services.isEmpty()) {
            List<String> remove = new ArrayList<>(List.of("service", "rm"));
            remove.addAll(Arrays.asList(services.split("\\s+")));
            docker(remove.toArray(String[]::new));
        }
    }

    /** The Docker CLI against the swarm's manager; its output without the trailing newline. */
    private static String docker(String... arguments) {
        return swarm.manager().docker(arguments).strip();
    }

    private BerthCli berth() {
        return new BerthCli(jar, work).withEnvironment("DOCKER_HOST", swarm.manager().host());
    }

    private void createService(String name, int replicas, String... more) {
        List<String> create = new ArrayList<>(List.of("service", "create", "--detach", "--no-resolve-image",
                "--name", name, "--label", WEB, "--label", "berth-e2e=swarm", "--network", "webnet",
                "--replicas", Integer.toString(replicas)));
        create.addAll(List.of(more));
        create.add(backendImage);
        docker(create.toArray(String[]::new));
    }

    /** The address:port on webnet of every task of the service that runs and is meant to. */
    private List<String> runningTasks(String service) {
        String ids = docker("service", "ps", "-q", "--no-trunc", "--filter", "desired-state=running", service);
        return ids.isEmpty() ? List.of() : Arrays.stream(ids.split("\\s+"))
                .map(id -> docker("inspect", "--format", "{{.Status.State}} {{range .NetworksAttachments}}"
                        + "{{if eq .Network.Spec.Name \"webnet\"}}{{index .Addresses 0}}{{end}}{{end}}", id))
                .filter(line -> line.startsWith("running "))
                .map(line -> line.substring("running ".length()).replaceFirst("/.*", "") + ":" + TestImages.BACKEND_PORT)
                .sorted().toList();
    }

    private static List<String> sorted(List<String> servers) {
        return servers.stream().sorted().toList();
    }

    @Test
    void servesTheRunningTasksAndFollowsAScaleUpAndDown() {
        createService("web", 1, "--label", PORT);
        Waiting.upTo30s("one task runs").until(() -> runningTasks("web").size() == 1);
        Path conf = work.resolve("web.conf");
        try (BerthCli.Watch berth = berth().watch("--swarm", "--select", WEB, "--network", "webnet", "--output", conf.toString())) {
            diagnostics.add("berth", berth::log);
            diagnostics.add("tasks", () -> docker("service", "ps", "web"));
            Waiting.upTo30s("the task is served").until(() -> sorted(NginxUpstreams.servers(conf, "web")).equals(runningTasks("web")));

            docker("service", "scale", "--detach", "web=4");
            Waiting.upTo30s("four tasks served").until(() -> runningTasks("web").size() == 4
                    && sorted(NginxUpstreams.servers(conf, "web")).equals(runningTasks("web")));

            docker("service", "scale", "--detach", "web=2");
            Waiting.upTo30s("two tasks left").until(() -> runningTasks("web").size() == 2
                    && sorted(NginxUpstreams.servers(conf, "web")).equals(runningTasks("web")));
            assertThat(berth.isAlive()).isTrue();
        }
    }

    @Test
    void aPublishedServiceIsReachedOnTheOverlayNeverOnIngressAndExplainSaysWhy() {
        createService("api", 2, "--publish", "18080:" + TestImages.BACKEND_PORT, "--label", "berth.upstream=shop");
        // No port label: the one published target port is the port.
        createService("other", 1, "--label", "berth.port=notaport");
        createService("idle", 0, "--label", PORT);
        Waiting.upTo30s("the tasks run").until(() -> runningTasks("api").size() == 2 && runningTasks("other").size() == 1);

        BerthCli.Result render = berth().run("render", "--swarm", "--select", WEB, "--network", "webnet");
        assertThat(render.exitCode()).as(render.toString()).isZero();
        assertThat(sorted(NginxUpstreams.servers(render.stdout(), "shop"))).isEqualTo(runningTasks("api"));

        BerthCli.Result onIngress = berth().run("render", "--swarm", "--select", WEB, "--network", "ingress", "--explain");
        assertThat(onIngress.stdout()).as(onIngress.toString()).contains("0 served")
                .contains("is not on network ingress (--network); it is on [webnet]");

        BerthCli.Result explain = berth().run("render", "--swarm", "--select", WEB, "--network", "webnet", "--explain");
        assertThat(explain.stdout()).as(explain.toString())
                .contains("upstream shop")
                .contains("left out  other.1.")
                .contains("label berth.port='notaport' is not valid")
                .contains("left out  idle (")
                .contains("service without a task: 0 replicas wanted");
    }

    @Test
    void withoutSwarmTheSameServicesAreNotServed() {
        createService("web", 1, "--label", PORT);
        Waiting.upTo30s("one task runs").until(() -> runningTasks("web").size() == 1);

        BerthCli.Result containers = berth().run("render", "--select", WEB, "--explain");
        assertThat(containers.stdout()).as("service labels are not container labels: " + containers).contains("0 containers matched");

        BerthCli.Result services = berth().run("render", "--swarm=both", "--select", WEB, "--explain");
        assertThat(services.stdout()).as(services.toString()).contains("1 containers matched").contains("served    web.1.");
    }
}
