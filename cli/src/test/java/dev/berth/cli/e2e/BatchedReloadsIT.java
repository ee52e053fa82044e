package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx, which can only take a change by a reload, while clients send requests through it and not
 * one of them fails: twenty starts that trickle in over four seconds, as a script makes them, cost
 * at most three reloads; ten {@code docker stop} one after the other cost one reload each, no more.
 * A stop cannot share its reload with the next: {@code docker stop} returns once its container has
 * exited, and a container must leave the proxy before that (its address is gone then, and requests
 * sent there hang until they time out), so the next stop always comes after the reload it needed.
 */
final class BatchedReloadsIT {

    private static final int TRICKLE = 20;
    private static final long TRICKLE_SPACING_MS = 200;
    private static final int STOPS = 10;
    /** The backends stopped keep serving this long after SIGTERM, as an application that finishes its work does. */
    private static final int DRAIN_SECONDS = 1;
    private static final int CLIENTS = 3;
    private static final int MOST_RELOADS = 3;

    private static DockerClient docker;
    private static Path jar;
    private static String draining;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private BerthAndProxy setup;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithNginxAndBusybox();
        jar = Prerequisites.berthJar();
        TestImages.backend(docker);
        draining = TestImages.drainingBackend(docker, DRAIN_SECONDS);
        TestImages.nginx(docker);
    }

    @AfterEach
    void removeEverything() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void twentyStartsTricklingInOverFourSecondsCostAtMostThreeReloads() throws Exception {
        setup = new BerthAndProxy(docker, jar, work, ProxyKind.NGINX, "batched-reloads", diagnostics::add);
        WebContainer first = setup.topology().startWeb();
        // Created beforehand, so that what trickles in is the starts: with the create and the inspect in each
        // scheduled step, a slower engine (~0.6 s a `docker run` here) stretched the 20 over 9-10 s instead of 4.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TRICKLE; i++) {
            ids.add(setup.topology().createBackend("web", "web"));
        }
        setup.startBerthThenProxy(List.of(), first);
        int logMark = setup.berth().log().length();
        Instant since = Instant.now();

        ClientLoad load = ClientLoad.start(setup.proxy().port(), CLIENTS);
        try {
            startOneEvery(ids, TRICKLE_SPACING_MS);
            Instant written = setup.awaitServerCount(TRICKLE + 1);
            setup.awaitReloadSince(written);
            setup.awaitReloadsSettled(logMark);
        } finally {
            load.close();
        }
        assertReloadsAndNoFailure(String.format("%d starts, one every %d ms", TRICKLE, TRICKLE_SPACING_MS), since, load, MOST_RELOADS);
    }

    @Test
    void tenDockerStopsOneAfterAnotherCostOneReloadEachAndNoRequest() throws Exception {
        setup = new BerthAndProxy(docker, jar, work, ProxyKind.NGINX, "batched-reloads", diagnostics::add);
        WebContainer first = setup.topology().startWeb();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < STOPS; i++) {
            ids.add(setup.topology().createBackend("web", "web", draining));
        }
        setup.topology().startAllAtOnce(ids);
        List<WebContainer> running = new ArrayList<>(List.of(first));
        ids.forEach(id -> running.add(setup.topology().inspect(id)));
        setup.startBerthThenProxy(List.of(), running.toArray(WebContainer[]::new));
        // Quiet before the stops: the first of them is a change after quiet, as it would be for a user.
        Thread.sleep(3_000);
        int logMark = setup.berth().log().length();
        Instant since = Instant.now();

        ClientLoad load = ClientLoad.start(setup.proxy().port(), CLIENTS);
        long started = System.nanoTime();
        try {
            for (String id : ids) {
                setup.topology().stop(setup.topology().inspect(id));
            }
            long stopping = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("berth-e2e batched reloads: %d docker stop one after another took %d ms%n", STOPS, stopping);
            Instant written = setup.awaitServers(first);
            setup.awaitReloadSince(written);
            setup.awaitReloadsSettled(logMark);
        } finally {
            load.close();
        }
        assertReloadsAndNoFailure(STOPS + " docker stop one after another", since, load, STOPS);
    }

    private void assertReloadsAndNoFailure(String what, Instant since, ClientLoad load, int mostReloads) {
        int reloads = setup.proxy().reloadsSince(since);
        System.out.printf("berth-e2e batched reloads: %s: %d nginx reloads; %d requests from %d clients, %d failed%n",
                what, reloads, load.requests(), CLIENTS, load.failures().size());
        assertThat(load.requests()).as("requests made").isPositive();
        assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
        assertThat(reloads).as("nginx reloads for %s", what).isBetween(1, mostReloads);
    }

    /** Starts the containers one every {@code spacingMs} (each from a thread of its own) and prints over how long they started. */
    private void startOneEvery(List<String> ids, long spacingMs) throws Exception {
        ScheduledExecutorService starter = Executors.newScheduledThreadPool(ids.size());
        long begin = System.nanoTime();
        try {
            List<ScheduledFuture<?>> starts = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                starts.add(starter.schedule(() -> docker.startContainerCmd(id).exec(), i * spacingMs, TimeUnit.MILLISECONDS));
            }
            for (ScheduledFuture<?> start : starts) {
                start.get(120, TimeUnit.SECONDS);
            }
        } finally {
            starter.shutdownNow();
        }
        System.out.printf("berth-e2e batched reloads: %d starts scheduled %d ms apart returned within %d ms%n",
                ids.size(), spacingMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }
}
