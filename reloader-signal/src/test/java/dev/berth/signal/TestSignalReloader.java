package dev.berth.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.ContainerControl;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.ReloaderContext;
import dev.berth.core.spi.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestSignalReloader {

    /** Docker as far as the reloader sees it: two nginx containers and a web one. */
    private static final class FakeContainers implements ContainerControl {
        final List<String> signalled = new ArrayList<>();
        final Map<String, Map<String, String>> labels = Map.of(
                "aaa", Map.of("com.ameyalokare.type", "nginx"),
                "bbb", Map.of("com.ameyalokare.type", "nginx"),
                "ccc", Map.of("com.ameyalokare.type", "web"));

        @Override
        public List<ContainerRef> running(List<LabelFilter> filters) {
            return labels.entrySet().stream()
                    .filter(e -> filters.stream().allMatch(f -> f.matches(e.getValue())))
                    .map(e -> new ContainerRef(e.getKey(), "proxy-" + e.getKey()))
                    .sorted(java.util.Comparator.comparing(ContainerRef::id))
                    .toList();
        }

        @Override
        public void signal(String containerId, String signal) {
            signalled.add(containerId + " " + signal);
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
        List<ReloadResult> results = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "HUP").reload();

        assertThat(containers.signalled).containsExactly("aaa HUP", "bbb HUP");
        assertThat(results).allMatch(ReloadResult::ok).hasSize(2);
    }

    @Test
    void usesTheRenderersSignalUnlessOverridden() {
        reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx")), "USR2").reload();
        reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=nginx"), "--reload-signal", List.of("sigusr1")), "USR2").reload();

        assertThat(containers.signalled).containsExactly("aaa USR2", "bbb USR2", "aaa USR1", "bbb USR1");
    }

    @Test
    void reportsWhenNoContainerMatches() {
        List<ReloadResult> results = reloader(Map.of("--reload-select", List.of("com.ameyalokare.type=haproxy")), "HUP").reload();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).isEqualTo("no running container matches");
        });
        assertThat(containers.signalled).isEmpty();
    }

    @Test
    void withNoTargetItSignalsNothingAndSaysSo() {
        Reloader reloader = reloader(Map.of(), "HUP");

        assertThat(reloader.reload()).isEmpty();
        assertThat(reloader.describeTargets()).contains("--reload-select").contains("--pid-file");
    }

    @Test
    void refusesASignalThatIsNotAReloadSignal() {
        assertThatThrownBy(() -> reloader(Map.of("--reload-signal", List.of("KILL")), "HUP"))
                .isInstanceOf(UsageException.class).hasMessageContaining("KILL");
    }

    @Test
    void signalsTheProcessInThePidFile() throws Exception {
        Path marker = dir.resolve("got-hup");
        Process proxy = new ProcessBuilder("bash", "-c",
                "trap 'touch " + marker + "' HUP; echo ready; while true; do sleep 0.05; done").start();
        try {
            proxy.getInputStream().read(); // "ready": the trap is installed
            Path pidFile = dir.resolve("proxy.pid");
            Files.writeString(pidFile, proxy.pid() + "\n");

            List<ReloadResult> results = reloader(Map.of("--pid-file", List.of(pidFile.toString())), "HUP").reload();

            assertThat(results).singleElement().satisfies(r -> assertThat(r.ok()).as(r.detail()).isTrue());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!Files.exists(marker) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(marker).exists();
        } finally {
            proxy.destroyForcibly();
        }
    }

    @Test
    void aStalePidFileIsReportedNotSignalled() throws Exception {
        Path pidFile = dir.resolve("proxy.pid");
        Files.writeString(pidFile, "999999999\n");

        List<ReloadResult> results = reloader(Map.of("--pid-file", List.of(pidFile.toString())), "HUP").reload();

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.detail()).contains("no process 999999999");
        });
        assertThat(Optional.of(results.get(0).target())).contains("pid file " + pidFile);
    }
}
