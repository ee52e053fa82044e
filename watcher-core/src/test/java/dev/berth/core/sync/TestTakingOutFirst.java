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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reloader that changes the running proxy: servers that leave go out before the check, and a runtime update is no reload. */
final class TestTakingOutFirst {

    private static final String REJECTED = "192.0.2.99";
    private static final List<String> CHECK = List.of("proxy-check", ConfigCheck.FILE);

    @TempDir
    Path dir;

    /** Records what it is asked, in order, with what the file holds at each step; changes anything but a first file at runtime. */
    private final class RuntimeReloader implements Reloader {
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean takeOut(ConfigChange change) {
            calls.add("take out, the file holding " + lines(read()));
            return change.previous().isPresent();
        }

        @Override
        public List<CheckResult> check(ConfigCheck check) {
            calls.add("check");
            return List.of(read().contains(REJECTED) ? CheckResult.rejected("proxy", "bad address") : CheckResult.passed("proxy"));
        }

        @Override
        public CompletionStage<List<ReloadResult>> apply(ConfigChange change) {
            calls.add("apply " + lines(change.previous().orElse("")) + " -> " + lines(change.next()));
            return CompletableFuture.completedFuture(List.of(change.previous().isPresent()
                    ? ReloadResult.updatedAtRuntime("proxy", "set server") : ReloadResult.ok("proxy", "reloaded")));
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
    void aServerThatLeavesIsTakenOutOnceTheFileSaysSoBeforeTheCheckAndTheRuntimeUpdateIsNoReload() {
        SyncPipeline pipeline = pipeline();
        assertThat(pipeline.apply(web("10.0.0.1", "10.0.0.2"))).as("reloaded for the first file").isTrue();
        reloader.calls.clear();

        boolean reloaded = pipeline.apply(web("10.0.0.1"));

        assertThat(reloaded).as("reloaded for a change made at runtime").isFalse();
        assertThat(reloader.calls).containsExactly(
                "take out, the file holding [server 10.0.0.1:80]",
                "check",
                "apply [server 10.0.0.1:80, server 10.0.0.2:80] -> [server 10.0.0.1:80]");
    }

    @Test
    void whenTheProxyRejectsTheFileWhatWasTakenOutGoesBackInWithThePreviousFile() throws IOException {
        SyncPipeline pipeline = pipeline();
        pipeline.apply(web("10.0.0.1", "10.0.0.2"));
        reloader.calls.clear();

        boolean reloaded = pipeline.apply(web("10.0.0.1", REJECTED));

        assertThat(reloaded).isFalse();
        assertThat(Files.readString(dir.resolve("haproxy.cfg"))).isEqualTo("server 10.0.0.1:80\nserver 10.0.0.2:80\n");
        assertThat(reloader.calls).first().isEqualTo("take out, the file holding [server 10.0.0.1:80, server " + REJECTED + ":80]");
        assertThat(reloader.calls).last()
                .isEqualTo("apply [server 10.0.0.1:80, server " + REJECTED + ":80] -> [server 10.0.0.1:80, server 10.0.0.2:80]");
    }
}
