package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.SwarmBerth.Routed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Berth following a three-node Swarm ({@link SwarmCluster}, one for the class), the proxy (nginx or
 * HAProxy, as the official images) on the manager, or on a worker with Berth reading the cluster
 * from the manager. Berth runs on the host, and for scaling, a killed task and the proxy on a worker
 * also in its container on the proxy's node, given only Docker sockets. The backends are Swarm tasks
 * on every node, routed by their address on the overlay network; they drain for a second after
 * SIGTERM, as real services do.
 */
final class SwarmEndToEndIT {

    private static final int DRAIN_SECONDS = 1;
    private static final int CLIENTS = 3;

    private static SwarmCluster swarm;
    private static Path jar;
    private static String backend;
    private static String updatedBackend;
    private static Map<ProxyKind, String> proxyImages;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private SwarmBerth setup;

    @BeforeAll
    static void swarmOfThreeNodes() {
        DockerClient docker = Prerequisites.dockerWithProxiesBusyboxAndASwarm();
        jar = Prerequisites.berthJar();
        backend = TestImages.drainingBackend(docker, DRAIN_SECONDS);
        updatedBackend = TestImages.drainingBackend(docker, DRAIN_SECONDS + 1);
        proxyImages = Map.of(ProxyKind.NGINX, TestImages.nginx(docker), ProxyKind.HAPROXY, TestImages.haproxy(docker));
        BerthPlace.CONTAINER.prepare();
        swarm = SwarmCluster.start(backend, updatedBackend, proxyImages.get(ProxyKind.NGINX), proxyImages.get(ProxyKind.HAPROXY),
                TestImages.BERTH);
    }

    /** Every proxy with Berth on the host and in its container. */
    static Stream<Arguments> proxiesAndPlaces() {
        return Stream.of(ProxyKind.values()).flatMap(kind -> Stream.of(BerthPlace.values()).map(place -> Arguments.of(kind, place)));
    }

    @AfterAll
    static void removeTheSwarm() {
        if (swarm != null) {
            swarm.close();
        }
    }

    @AfterEach
    void removeTheScenario() {
        if (setup != null) {
            setup.close();
        }
    }

    @ParameterizedTest(name = "{displayName}, {0}, Berth {1}")
    @MethodSource("proxiesAndPlaces")
    void scalingFromOneToSixRoutesTheNewTasksOnEveryNode(ProxyKind kind, BerthPlace place) throws IOException {
        String service = "scale-" + kind.rendererName();
        setup = onThe(swarm.manager(), kind, place);
        setup.createService(service, backend, 1);
        setup.startBerth();
        setup.awaitRouted(service, 1);
        setup.startProxy();

        swarm.manager().docker("service", "scale", "--detach", service + "=6");

        Routed routed = setup.awaitRouted(service, 6);
        assertThat(routed.tasks().stream().map(task -> swarm.node(task.nodeId()).name()).distinct())
                .as("nodes of the 6 tasks").contains("worker1", "worker2");
        setup.awaitAnswersFrom(routed.tasks());
    }

    @ParameterizedTest(name = "{displayName}, {0}, Berth {1}")
    @MethodSource("proxiesAndPlaces")
    void aTaskKilledOnAWorkerLeavesTheConfigurationAndItsReplacementIsRouted(ProxyKind kind, BerthPlace place) throws IOException {
        String service = "kill-" + kind.rendererName();
        setup = onThe(swarm.manager(), kind, place);
        setup.createService(service, backend, 3, "--replicas-max-per-node", "1");
        setup.startBerth();
        List<SwarmTask> before = setup.awaitRouted(service, 3).tasks();
        setup.startProxy();
        SwarmNode worker = swarm.workers().get(0);
        SwarmTask victim = before.stream().filter(task -> task.nodeId().equals(worker.nodeId())).findFirst().orElseThrow();

        worker.docker("kill", victim.containerId());

        setup.awaitUnlisted(victim.server(SwarmCluster.NETWORK));
        Routed replaced = setup.awaitRouted(service, 3);
        assertThat(replaced.tasks()).extracting(SwarmTask::id).doesNotContain(victim.id());
        setup.awaitAnswersFrom(replaced.tasks());
    }

    @ParameterizedTest(name = "{displayName}, {0}")
    @EnumSource(ProxyKind.class)
    void noRequestFailsDuringARollingUpdateOfSixTasksAndAScaleDownToOne(ProxyKind kind) throws IOException {
        String service = "roll-" + kind.rendererName();
        setup = onThe(swarm.manager(), kind);
        setup.createService(service, backend, 6);
        setup.startBerth();
        setup.awaitRouted(service, 6);
        setup.startProxy();
        int reloadsBefore = setup.proxy().reloads();

        long started = System.nanoTime();
        ClientLoad load = ClientLoad.start(setup.proxy(), CLIENTS);
        try {
            // Without --detach, the CLI returns once the service converged: one task at a time, stop first.
            swarm.manager().docker("service", "update", "--no-resolve-image", "--image", updatedBackend, service);
            List<SwarmTask> updated = setup.awaitRouted(service, 6).tasks();
            assertThat(updated).extracting(task -> swarm.manager().docker("inspect", "--format",
                    "{{.Spec.ContainerSpec.Image}}", task.id()).strip()).containsOnly(updatedBackend);
            swarm.manager().docker("service", "scale", service + "=1");
            setup.awaitRouted(service, 1);
        } finally {
            load.close();
        }

        System.out.printf("berth-e2e swarm rolling update of 6 tasks and scale 6 -> 1 under load, %s: %d s, %d client threads:"
                        + " %d requests, %d failed, %d reloads%n", kind, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                CLIENTS, load.requests(), load.failures().size(), setup.proxy().reloads() - reloadsBefore);
        assertThat(load.requests()).as("requests made").isPositive();
        assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
    }

    /** Which address Berth picks is no matter of the proxy: nginx only. */
    @Test
    void aServicePublishedThroughIngressIsRoutedOnTheChosenOverlayNetwork() throws IOException {
        String service = "ingress";
        setup = onThe(swarm.manager(), ProxyKind.NGINX);
        setup.createService(service, backend, 2, "--publish", "published=30080,target=" + TestImages.BACKEND_PORT);
        setup.startBerth();

        Routed routed = setup.awaitRouted(service, 2);

        assertThat(routed.tasks()).allSatisfy(task -> assertThat(task.addresses()).containsKey("ingress"));
        assertThat(setup.kind().servers(setup.configFile(), "web")).doesNotContainAnyElementsOf(
                routed.tasks().stream().map(task -> task.addresses().get("ingress") + ":" + TestImages.BACKEND_PORT).toList());
        setup.startProxy();
        setup.awaitAnswersFrom(routed.tasks());
    }

    /**
     * HAProxy here, so that each proxy is also seen in a layout of its own (nginx: ingress above).
     * What this layout proves is that Berth checks and signals the proxy through the worker's own
     * engine while it reads the cluster from the manager: so the reload path, as the Runtime API would
     * take the scale without any signal (the runtime path is the rolling update's, above).
     */
    @ParameterizedTest(name = "{displayName}, Berth {0}")
    @EnumSource(BerthPlace.class)
    void withTheProxyOnAWorkerBerthBesideItReadsTheClusterFromTheManager(BerthPlace place) throws IOException {
        String service = "beside";
        setup = onThe(swarm.workers().get(1), ProxyKind.HAPROXY, place);
        setup.createService(service, backend, 3, "--replicas-max-per-node", "2");
        setup.startBerth("--no-runtime-api");
        setup.awaitRouted(service, 3);
        setup.startProxy();

        swarm.manager().docker("service", "scale", "--detach", service + "=5");

        Routed routed = setup.awaitRouted(service, 5);
        setup.awaitAnswersFrom(routed.tasks());
        assertThat(setup.proxy().reloads()).as("reloads of the proxy on " + swarm.workers().get(1).name()).isPositive();
    }

    private SwarmBerth onThe(SwarmNode proxyNode, ProxyKind kind) throws IOException {
        return onThe(proxyNode, kind, BerthPlace.HOST);
    }

    private SwarmBerth onThe(SwarmNode proxyNode, ProxyKind kind, BerthPlace place) throws IOException {
        return new SwarmBerth(swarm, jar, work, kind, proxyImages.get(kind), proxyNode, place, diagnostics::add);
    }
}
