package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Health;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigChange;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reloader that changes the running proxy in place (as HAProxy's Runtime API does): such a change
 * goes into effect as soon as it is written, without the proxy's check, and is no reload; one it
 * cannot make in place is checked and applied; a proxy that took part of a rejected change is set
 * back to the file that comes back.
 */
final class TestChangesInPlace {

    private static final String REJECTED = "192.0.2.99";
    /** A change to this address the reloader takes in place but fails to make. */
    private static final String FAILS_IN_PLACE = "192.0.2.50";
    private static final List<String> CHECK = List.of("proxy-check", ConfigCheck.FILE);

    @TempDir
    Path dir;

    /** Records what it is asked, in order, with what the file holds at each step; takes any change but a first file in place. */
    private final class RuntimeReloader implements Reloader {
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean takesInPlace(ConfigChange change) {
            return change.previous().isPresent();
        }

        @Override
        public Optional<List<ReloadResult>> applyInPlace(ConfigChange change) {
            calls.add("in place " + lines(change.previous().orElse("")) + " -> " + lines(change.next()) + ", the file holding " + lines(read()));
            return change.next().contains(FAILS_IN_PLACE) || change.next().contains(REJECTED)
                    ? Optional.empty() : Optional.of(List.of(ReloadResult.updatedAtRuntime("proxy", "set server")));
        }

        @Override
        public List<CheckResult> check(ConfigCheck check) {
            calls.add("check");
            return List.of(read().contains(REJECTED) ? CheckResult.rejected("proxy", "bad address") : CheckResult.passed("proxy"));
        }

        @Override
        public CompletionStage<List<ReloadResult>> apply(ConfigChange change) {
            calls.add("apply " + lines(change.previous().orElse("")) + " -> " + lines(change.next()));
            return CompletableFuture.completedFuture(List.of(ReloadResult.ok("proxy", "reloaded")));
        }

        @Override
        public CompletionStage<List<ReloadResult>> reload() {
            throw new AssertionError("apply decides");
        }

        @Override
        public String describeTargets() {
            return "the test proxy";
        }

        private String read() {
            try {
                return Files.readString(dir.resolve("haproxy.cfg"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final RuntimeReloader reloader = new RuntimeReloader();

    private SyncPipeline pipeline() {
        Renderer renderer = snapshot -> String.join("", snapshot.upstreams().get(0).backends().stream()
                .map(b -> "server " + b.endpoint() + "\n").toList());
        return new SyncPipeline(renderer, new ConfigFile(dir.resolve("haproxy.cfg")), reloader, CHECK);
    }

    private static Snapshot web(String... addresses) {
        List<Backend> backends = Arrays.stream(addresses)
                .map(a -> new Backend("id-" + a, "web-" + a, a, 80, 0, false, Health.NONE, new TreeMap<>())).toList();
        return new Snapshot(List.of(new Upstream("web", backends)), List.of());
    }

    private static String lines(String text) {
        return "[" + String.join(", ", text.lines().toList()) + "]";
    }

    @Test
    void aChangeTheProxyTakesInPlaceGoesInOnceWrittenWithoutTheCheckAndIsNoReload() {
        SyncPipeline pipeline = pipeline();
        assertThat(pipeline.apply(web("10.0.0.1", "10.0.0.2"))).as("reloaded for the first file").isTrue();
        assertThat(reloader.calls).as("the first file").containsExactly("check", "apply [] -> [server 10.0.0.1:80, server 10.0.0.2:80]");
        reloader.calls.clear();

        boolean reloaded = pipeline.apply(web("10.0.0.1"));

        assertThat(reloaded).as("reloaded for a change made in place").isFalse();
        assertThat(reloader.calls).containsExactly(
                "in place [server 10.0.0.1:80, server 10.0.0.2:80] -> [server 10.0.0.1:80], the file holding [server 10.0.0.1:80]");
    }

    @Test
    void aChangeTheProxyFailsToMakeInPlaceIsCheckedAndApplied() {
        SyncPipeline pipeline = pipeline();
        pipeline.apply(web("10.0.0.1"));
        reloader.calls.clear();

        boolean reloaded = pipeline.apply(web("10.0.0.1", FAILS_IN_PLACE));

        assertThat(reloaded).isTrue();
        assertThat(reloader.calls).containsExactly(
                "in place [server 10.0.0.1:80] -> [server 10.0.0.1:80, server " + FAILS_IN_PLACE + ":80], the file holding [server 10.0.0.1:80, server "
                        + FAILS_IN_PLACE + ":80]",
                "check",
                "apply [server 10.0.0.1:80] -> [server 10.0.0.1:80, server " + FAILS_IN_PLACE + ":80]");
    }

    @Test
    void whenTheProxyRejectsAChangeItTookInPartThePreviousFileComesBackAndTheProxyIsSetToIt() throws IOException {
        SyncPipeline pipeline = pipeline();
        pipeline.apply(web("10.0.0.1", "10.0.0.2"));
        reloader.calls.clear();

        boolean reloaded = pipeline.apply(web("10.0.0.1", REJECTED));

        assertThat(reloaded).isFalse();
        assertThat(Files.readString(dir.resolve("haproxy.cfg"))).isEqualTo("server 10.0.0.1:80\nserver 10.0.0.2:80\n");
        assertThat(reloader.calls).first().asString().startsWith("in place ");
        assertThat(reloader.calls).contains("check").last()
                .isEqualTo("apply [server 10.0.0.1:80, server " + REJECTED + ":80] -> [server 10.0.0.1:80, server 10.0.0.2:80]");
    }

    @Test
    void containersStartingAreNotCheckedAheadForAChangeThatGoesInPlace() throws IOException {
        SyncPipeline pipeline = pipeline();
        pipeline.apply(web("10.0.0.1"));
        reloader.calls.clear();

        pipeline.anticipate(web("10.0.0.1", "10.0.0.2"));

        assertThat(reloader.calls).as("calls").isEmpty();
        assertThat(Files.readString(dir.resolve("haproxy.cfg"))).as("the file").isEqualTo("server 10.0.0.1:80\n");
    }
}
