package dev.berth.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ContainerNotRunningException;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.spi.ContainerControl.ProcessInfo;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.ProcessActivity;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.ReloaderContext;
import dev.berth.core.spi.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestSignalReloader {

    /** Docker as far as the reloader sees it: two nginx containers and a web one. */
    private static final class FakeContainers implements ContainerControl {
        final List<String> signalled = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Map<String, String>> labels = Map.of(
                "aaa", Map.of("com.ameyalokare.type", "nginx"),
                "bbb", Map.of("com.ameyalokare.type", "nginx"),
                "ccc", Map.of("com.ameyalokare.type", "web"));

        /** The Docker requests that find targets and files, in order: "list", "mounts aaa" … */
        final List<String> lookups = Collections.synchronizedList(new ArrayList<>());
        /** How many of the next listings fail, as a daemon that does not answer makes them. */
        int failingListings;

        @Override
        public List<ContainerRef> running(List<LabelFilter> filters) {
            lookups.add("list");
            if (failingListings > 0) {
                failingListings--;
                throw new IllegalStateException("Docker did not answer");
            }
            return labels.entrySet().stream()
                    .filter(e -> filters.stream().allMatch(f -> f.matches(e.getValue())))
                    .map(e -> new ContainerRef(e.getKey(), "proxy-" + e.getKey()))
                    .sorted(java.util.Comparator.comparing(ContainerRef::id))
                    .toList();
        }

        /** Each container runs a master (pid 10) with one worker, which a signal replaces unless told otherwise. */
        final Map<String, Long> worker = new ConcurrentHashMap<>(Map.of("aaa", 101L, "bbb", 201L, "ccc", 301L));
        boolean signalReplacesWorkers = true;
        final List<String> executed = new ArrayList<>();
        ExecResult checkAnswer = new ExecResult(0, "");

        @Override
        public void signal(String containerId, String signal) {
            if (stopped.contains(containerId)) {
                throw new ContainerNotRunningException(containerId, "Container is not running");
            }
            signalled.add(containerId + " " + signal);
            calls.add("signal " + containerId);
            if (signalReplacesWorkers) {
                worker.merge(containerId, 1L, Long::sum);
            }
        }

        /** Containers that stopped (or restart) after they were listed. */
        final Set<String> stopped = new HashSet<>();

        @Override
        public ExecResult exec(String containerId, List<String> command) {
            if (stopped.contains(containerId)) {
                throw new ContainerNotRunningException(containerId, "Container is restarting");
            }
            executed.add(containerId + ": " + String.join(" ", command));
            return checkAnswer;
        }

        /** What happened, in order: "top aaa", "signal aaa" … */
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<ProcessInfo> processes(String containerId) {
            calls.add("top " + containerId);
            return List.of(new ProcessInfo(10, 1), new ProcessInfo(worker.get(containerId), 10));
        }

        /** The proxy's main process as the host sees it: unknown unless a test says. */
        Supplier<Optional<ProcessActivity>> activity = Optional::empty;

        @Override
        public Optional<ProcessActivity> mainActivity(String containerId) {
            return activity.get();
        }

        @Override
        public Optional<Path> pathInContainer(String containerId, Path hostPath) {
            lookups.add("mounts " + containerId);
            return hostPath.startsWith("/srv/conf") ? Optional.of(Path.of("/etc/proxy").resolve(Path.of("/srv/conf").relativize(hostPath)))
                    : Optional.empty();
        }

        /** Counts down at each warm-up; one that fails throws, as an Engine that does not answer makes it. */
        final java.util.concurrent.CountDownLatch warmUps = new java.util.concurrent.CountDownLatch(2);
        boolean warmUpFails;

        @Override
        public void warmUp() {
            warmUps.countDown();
            if (warmUpFails) {
                throw new IllegalStateException("Docker did not answer");
            }
        }

        @Override
        public Set<String> networks(List<LabelFilter> filters) {
            return running(filters).stream().map(c -> c.id().equals("aaa") ? "front" : "edge")
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theProxyNetworksAreThoseOfTheContainersItSignals() {
        assertThat(reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP").proxyNetworks())
                .containsExactlyInAnyOrder("front", "edge");
        assertThat(reloader(Map.of(), "HUP").proxyNetworks()).as("no container to signal").isEmpty();
    }

    @TempDir
    Path dir;

    private final FakeContainers containers = new FakeContainers();

    private Reloader reloader(Map<String, List<String>> options, String rendererSignal) {
        return new SignalReloaderFactory().create(new ReloaderContext(new PluginOptions(options), rendererSignal, containers));
    }

    @Test
    void signalsEveryRunningContainerTheLabelSelectsAndNothingElse() {
        List<ReloadResult> results = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP").reload().toCompletableFuture().join();

        assertThat(containers.signalled).containsExactly("aaa HUP", "bbb HUP");
        assertThat(results).allMatch(ReloadResult::ok).hasSize(2);
    }

    @Test
    void usesTheRenderersSignalUnlessOverridden() {
        reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "USR2").reload().toCompletableFuture().join();
        reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx"), "--reload-signal", List.of("sigusr1")), "USR2").reload().toCompletableFuture().join();

        assertThat(containers.signalled).containsExactly("aaa USR2", "bbb USR2", "aaa USR1", "bbb USR1");
    }

    @Test
    void reloadsNothingWhileNoContainerMatches() {
        List<ReloadResult> results = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=haproxy")), "HUP").reload().toCompletableFuture().join();

        assertThat(results).isEmpty();
        assertThat(containers.signalled).isEmpty();
    }

    @Test
    void withNoTargetItSignalsNothingAndSaysSo() {
        Reloader reloader = reloader(Map.of(), "HUP");

        assertThat(reloader.reload().toCompletableFuture().join()).isEmpty();
        assertThat(reloader.describeTargets()).contains("--reload-select").contains("--pid-file");
    }

    @Test
    void refusesASignalThatIsNotAReloadSignal() {
        assertThatThrownBy(() -> reloader(Map.of("--reload-signal", List.of("KILL")), "HUP"))
                .isInstanceOf(UsageException.class).hasMessageContaining("KILL");
    }

    @Test
    void signalsTheProcessInThePidFileAndConfirmsByItsNewWorker() throws Exception {
        // A master that, like nginx's, replaces its worker process on SIGHUP. bash cannot trap a signal
        // ignored when it starts, as SIGHUP is under nohup: env gives it the default disposition.
        Process proxy = new ProcessBuilder("env", "--default-signal=HUP", "bash", "-c",
                "sleep 1000 & w=$!; trap 'kill $w; sleep 1000 & w=$!' HUP; echo ready; while true; do wait; done").start();
        try {
            proxy.getInputStream().read(); // "ready": the trap is installed
            Path pidFile = dir.resolve("proxy.pid");
            Files.writeString(pidFile, proxy.pid() + "\n");

            List<ReloadResult> results = reloader(Map.of("--pid-file", List.of(pidFile.toString())), "HUP").reload().toCompletableFuture().join();

            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.ok()).as(r.detail()).isTrue();
                assertThat(r.detail()).matches("SIGHUP sent in \\d+ ms, workers replaced in \\d+ ms");
            });
        } finally {
            proxy.descendants().forEach(ProcessHandle::destroyForcibly);
            proxy.destroyForcibly();
        }
    }

    @Test
    void confirmsEachContainersReloadByItsNewWorkers() {
        List<ReloadResult> results = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP").reload().toCompletableFuture().join();

        assertThat(results).extracting(ReloadResult::target, ReloadResult::ok)
                .containsExactly(tuple("container proxy-aaa (aaa)", true), tuple("container proxy-bbb (bbb)", true));
        assertThat(results).allSatisfy(r -> assertThat(r.detail()).matches("SIGHUP sent in \\d+ ms, workers replaced in \\d+ ms"));
    }

    @Test
    void saysSoWhenTheWorkersStayTheSame() {
        containers.signalReplacesWorkers = false;
        Reloader reloader = new SignalReloader(containers, List.of(LabelFilter.parse("com.ameyalokare.type=web")),
                Optional.empty(), "HUP", new Workers(Duration.ofMillis(200), Duration.ofSeconds(1)));

        assertThat(reloader.reload().toCompletableFuture().join()).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).matches("SIGHUP sent in \\d+ ms but could not confirm the reload: workers unchanged after 200 ms");
        });
    }

    @Test
    void checksInsideEachProxyContainerWithTheFilesPathThere() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "USR2");

        List<CheckResult> results = reloader.check(new ConfigCheck(List.of("haproxy", "-c", "-f", "{file}"),
                Path.of("/srv/conf/haproxy.cfg")));

        assertThat(results).extracting(CheckResult::ok).containsExactly(true, true);
        assertThat(containers.executed).containsExactly(
                "aaa: haproxy -c -f /etc/proxy/haproxy.cfg", "bbb: haproxy -c -f /etc/proxy/haproxy.cfg");
    }

    @Test
    void aProxyThatStoppedSinceItWasListedIsNeitherCheckedNorSignalledNorAFailure() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");
        containers.stopped.add("bbb");

        List<CheckResult> checked = reloader.check(new ConfigCheck(List.of("nginx", "-t"), Path.of("/srv/conf/web.conf")));
        List<ReloadResult> reloaded = reloader.reload().toCompletableFuture().join();

        assertThat(checked).extracting(CheckResult::target).containsExactly("container proxy-aaa (aaa)");
        assertThat(checked).allMatch(CheckResult::ok);
        assertThat(containers.signalled).containsExactly("aaa HUP");
        assertThat(reloaded).extracting(ReloadResult::target).containsExactly("container proxy-aaa (aaa)");
    }

    @Test
    void aProxyThatStopsBetweenTheCheckAndTheSignalIsNotAFailedReload() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");
        reloader.check(new ConfigCheck(List.of("nginx", "-t"), Path.of("/srv/conf/web.conf")));
        containers.stopped.add("aaa");

        List<ReloadResult> reloaded = reloader.reload().toCompletableFuture().join();

        assertThat(containers.signalled).containsExactly("bbb HUP");
        assertThat(reloaded).extracting(ReloadResult::target).containsExactly("container proxy-bbb (bbb)");
        assertThat(reloaded).allMatch(ReloadResult::ok);
    }

    @Test
    void aRejectionCarriesTheCheckersOwnErrorLine() {
        containers.checkAnswer = new ExecResult(1, """
                nginx: [emerg] unknown directive "bogus"   in /etc/nginx/conf.d/web.conf:3
                nginx: configuration file /etc/nginx/nginx.conf test failed
                """);
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=web")), "HUP");

        assertThat(reloader.check(new ConfigCheck(List.of("nginx", "-t", "-q"), Path.of("/srv/conf/web.conf"))))
                .singleElement().isEqualTo(CheckResult.rejected("container proxy-ccc (ccc)",
                        "nginx: [emerg] unknown directive \"bogus\" in /etc/nginx/conf.d/web.conf:3"));
    }

    @Test
    void aFileTheContainerDoesNotMountIsRejectedWithAHint() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=web")), "USR2");

        assertThat(reloader.check(new ConfigCheck(List.of("haproxy", "-c", "-f", "{file}"), Path.of("/elsewhere/h.cfg"))))
                .singleElement().satisfies(r -> {
                    assertThat(r.ok()).isFalse();
                    assertThat(r.message()).contains("/elsewhere/h.cfg", "mounted", "--check-command", "--no-check");
                });
        assertThat(containers.executed).isEmpty();
    }

    @Test
    void aPreparedPassChecksAndSignalsTheContainersFoundWhenItBeganWithoutAskingDockerAgain() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");
        ConfigCheck check = new ConfigCheck(List.of("haproxy", "-c", "-f", "{file}"), Path.of("/srv/conf/haproxy.cfg"));

        reloader.prepare(Optional.of(check));
        List<CheckResult> checked = reloader.check(check);
        List<ReloadResult> reloaded = reloader.reload().toCompletableFuture().join();

        assertThat(checked).hasSize(2).allMatch(CheckResult::ok);
        assertThat(containers.executed).containsExactly("aaa: haproxy -c -f /etc/proxy/haproxy.cfg",
                "bbb: haproxy -c -f /etc/proxy/haproxy.cfg");
        assertThat(reloaded).hasSize(2).allMatch(ReloadResult::ok);
        assertThat(containers.signalled).containsExactly("aaa HUP", "bbb HUP");
        assertThat(containers.lookups).as("Docker requests that found the targets and the file")
                .containsExactly("list", "mounts aaa", "mounts bbb");
    }

    @Test
    void withoutACheckTheReloadSignalsTheContainersListedWhenThePassBegan() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");

        reloader.prepare(Optional.empty());
        List<ReloadResult> reloaded = reloader.reload().toCompletableFuture().join();

        assertThat(reloaded).hasSize(2).allMatch(ReloadResult::ok);
        assertThat(containers.signalled).containsExactly("aaa HUP", "bbb HUP");
        assertThat(containers.lookups).containsExactly("list");
    }

    @Test
    void aPreparationThatFailedIsDoneAgainWhenTheCheckRuns() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");
        ConfigCheck check = new ConfigCheck(List.of("nginx", "-t", "-q"), Path.of("/srv/conf/web.conf"));
        containers.failingListings = 1;

        reloader.prepare(Optional.of(check));
        List<CheckResult> checked = reloader.check(check);

        assertThat(checked).hasSize(2).allMatch(CheckResult::ok);
        assertThat(containers.lookups).containsExactly("list", "list");
    }

    @Test
    void whereTheFileIsInAContainerIsAskedOnceForAsLongAsItRuns() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");
        ConfigCheck check = new ConfigCheck(List.of("haproxy", "-c", "-f", "{file}"), Path.of("/srv/conf/haproxy.cfg"));

        for (int pass = 0; pass < 3; pass++) {
            reloader.prepare(Optional.of(check));
            assertThat(reloader.check(check)).hasSize(2).allMatch(CheckResult::ok);
            reloader.reload().toCompletableFuture().join();
        }

        assertThat(containers.lookups).containsExactly("list", "mounts aaa", "mounts bbb", "list", "list");
        assertThat(containers.executed).hasSize(6).allMatch(line -> line.endsWith("haproxy -c -f /etc/proxy/haproxy.cfg"));
    }

    @Test
    void theFirstPassWarmsTheCheckAndReloadUpOnceInTheBackground() throws Exception {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");
        ConfigCheck check = new ConfigCheck(List.of("nginx", "-t", "-q"), Path.of("/srv/conf/web.conf"));

        for (int pass = 0; pass < 3; pass++) {
            reloader.prepare(Optional.of(check));
            reloader.check(check);
            reloader.reload().toCompletableFuture().join();
        }

        assertThat(containers.warmUps.await(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("a second warm-up").isFalse();
        assertThat(containers.warmUps.getCount()).as("the warm-ups still to come").isEqualTo(1);
    }

    @Test
    void aWarmUpThatFailsLeavesTheCheckAndTheReloadAsTheyWere() throws Exception {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");
        ConfigCheck check = new ConfigCheck(List.of("nginx", "-t", "-q"), Path.of("/srv/conf/web.conf"));
        containers.warmUpFails = true;

        reloader.prepare(Optional.of(check));
        List<CheckResult> checked = reloader.check(check);
        List<ReloadResult> reloaded = reloader.reload().toCompletableFuture().join();

        assertThat(checked).hasSize(2).allMatch(CheckResult::ok);
        assertThat(reloaded).hasSize(2).allMatch(ReloadResult::ok);
    }

    @Test
    void withoutContainersToReloadNothingIsWarmedUp() throws Exception {
        Reloader reloader = reloader(Map.of(), "HUP");

        reloader.prepare(Optional.empty());
        reloader.reload().toCompletableFuture().join();

        assertThat(containers.warmUps.await(300, java.util.concurrent.TimeUnit.MILLISECONDS)).isFalse();
        assertThat(containers.warmUps.getCount()).isEqualTo(2);
    }

    @Test
    void aPreparationIsUsedOnceTheNextPassListsAgain() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP");

        reloader.prepare(Optional.empty());
        reloader.reload().toCompletableFuture().join();
        reloader.reload().toCompletableFuture().join();

        assertThat(containers.lookups).as("the second reload was not prepared").containsExactly("list", "list");
    }

    @Test
    void checksOnTheHostForAProxyInAPidFile() throws Exception {
        Path pidFile = dir.resolve("proxy.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        Path config = dir.resolve("proxy.conf");
        Reloader reloader = reloader(Map.of("--pid-file", List.of(pidFile.toString())), "HUP");
        ConfigCheck check = new ConfigCheck(List.of("grep", "-q", "good", "{file}"), config);

        Files.writeString(config, "a good config\n");
        assertThat(reloader.check(check)).extracting(CheckResult::ok).containsExactly(true);
        Files.writeString(config, "a bad config\n");
        assertThat(reloader.check(check)).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.message()).isEqualTo("it exited 1 and printed nothing");
        });
    }

    @Test
    void aStalePidFileIsReportedNotSignalled() throws Exception {
        Path pidFile = dir.resolve("proxy.pid");
        Files.writeString(pidFile, "999999999\n");

        List<ReloadResult> results = reloader(Map.of("--pid-file", List.of(pidFile.toString())), "HUP").reload().toCompletableFuture().join();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).contains("no process 999999999");
        });
        assertThat(Optional.of(results.get(0).target())).contains("pid file " + pidFile);
    }

    @Test
    void readsTheWorkersWhileTheCheckRunsSoThatTheSignalWaitsForNothing() {
        Reloader reloader = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=web")), "HUP");
        reloader.check(new ConfigCheck(List.of("nginx", "-t", "-q"), Path.of("/srv/conf/web.conf")));
        while (!containers.calls.contains("top ccc")) {
            Thread.onSpinWait();
        }
        containers.calls.clear();

        assertThat(reloader.reload().toCompletableFuture().join()).singleElement().satisfies(r -> assertThat(r.ok()).as(r.detail()).isTrue());
        assertThat(containers.calls).as("calls during the reload").first().isEqualTo("signal ccc");
    }

    @Test
    void answersOnceTheSignalIsSentAndConfirmsTheReloadInTheBackground() {
        containers.signalReplacesWorkers = false;
        Reloader reloader = new SignalReloader(containers, List.of(LabelFilter.parse("com.ameyalokare.type=web")),
                Optional.empty(), "HUP", new Workers(Duration.ofSeconds(30), Duration.ofSeconds(30)));

        CompletableFuture<List<ReloadResult>> reloaded = reloader.reload().toCompletableFuture();

        assertThat(containers.signalled).containsExactly("ccc HUP");
        assertThat(reloaded).as("confirmed before the proxy started a new worker").isNotDone();
        containers.worker.merge("ccc", 1L, Long::sum);
        assertThat(reloaded.join()).singleElement().satisfies(r -> assertThat(r.ok()).as(r.detail()).isTrue());
    }

    @Test
    void signalsAgainAndReadsTheWorkersToCompareWithOnlyOnceTheLastReloadIsConfirmed() throws Exception {
        containers.signalReplacesWorkers = false;
        Reloader reloader = new SignalReloader(containers, List.of(LabelFilter.parse("com.ameyalokare.type=web")),
                Optional.empty(), "HUP", new Workers(Duration.ofSeconds(2), Duration.ofSeconds(30)));
        CompletableFuture<List<ReloadResult>> first = reloader.reload().toCompletableFuture();

        reloader.check(new ConfigCheck(List.of("nginx", "-t", "-q"), Path.of("/srv/conf/web.conf")));
        CompletableFuture<List<ReloadResult>> second = CompletableFuture.supplyAsync(
                () -> reloader.reload().toCompletableFuture().join());
        Thread.sleep(300);
        assertThat(containers.signalled).as("signals while the first reload is unconfirmed").containsExactly("ccc HUP");
        containers.worker.merge("ccc", 1L, Long::sum);

        assertThat(first.join()).singleElement().satisfies(r -> assertThat(r.ok()).as(r.detail()).isTrue());
        assertThat(second.join()).as("the second signal started no worker: the first reload's new one does not count")
                .singleElement().satisfies(r -> assertThat(r.detail()).endsWith("workers unchanged after 2000 ms"));
        assertThat(containers.signalled).containsExactly("ccc HUP", "ccc HUP");
    }

    @Test
    void aSignalThatStartedNoWorkerIsSentAgainOnceTheMasterHasBeenIdle() {
        containers.signalReplacesWorkers = false;
        containers.activity = () -> Optional.of(new ProcessActivity('S', 7));
        Reloader reloader = new SignalReloader(containers, List.of(LabelFilter.parse("com.ameyalokare.type=web")),
                Optional.empty(), "USR2", new Workers(Duration.ofSeconds(5), Duration.ofMillis(100)));
        CompletableFuture<List<ReloadResult>> reloaded = reloader.reload().toCompletableFuture();
        while (containers.signalled.size() < 2) {
            Thread.onSpinWait();
        }
        containers.worker.merge("ccc", 1L, Long::sum); // the proxy acted on the second signal

        assertThat(reloaded.join()).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(r.detail()).isTrue();
            assertThat(r.detail()).matches("SIGUSR2 sent in \\d+ ms, workers replaced in \\d+ ms \\(the signal sent [23] times\\)");
        });
        assertThat(containers.signalled).hasSizeBetween(2, 3).containsOnly("ccc USR2");
    }

    @Test
    void aMasterStillBusyWithTheReloadIsNotSignalledAgain() throws Exception {
        containers.signalReplacesWorkers = false;
        AtomicLong ticks = new AtomicLong();
        containers.activity = () -> Optional.of(new ProcessActivity('R', ticks.incrementAndGet()));
        Reloader reloader = new SignalReloader(containers, List.of(LabelFilter.parse("com.ameyalokare.type=web")),
                Optional.empty(), "USR2", new Workers(Duration.ofSeconds(5), Duration.ofMillis(100)));
        CompletableFuture<List<ReloadResult>> reloaded = reloader.reload().toCompletableFuture();

        Thread.sleep(500);
        containers.worker.merge("ccc", 1L, Long::sum);

        assertThat(reloaded.join()).singleElement().satisfies(r -> assertThat(r.detail()).doesNotContain("times"));
        assertThat(containers.signalled).containsExactly("ccc USR2");
    }
}
