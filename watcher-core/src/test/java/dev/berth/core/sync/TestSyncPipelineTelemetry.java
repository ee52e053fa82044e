package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Health;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.telemetry.Telemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the pipeline tells its {@link Telemetry}: one entry per call, in order. */
final class TestSyncPipelineTelemetry {

    private static final String REJECTED = "192.0.2.66";

    @TempDir
    Path dir;

    private final List<String> told = new ArrayList<>();

    private final Telemetry recording = new Telemetry() {
        @Override
        public void configWritten() {
            told.add("written");
        }

        @Override
        public void configChecked(boolean rejected) {
            told.add(rejected ? "check rejected" : "check passed");
        }

        @Override
        public void configNotApplied(String why) {
            told.add("not applied: " + why);
        }

        @Override
        public void groupsLeftOutByProxy(Set<String> groups) {
            if (!groups.isEmpty()) {
                told.add("left out by the proxy: " + groups);
            }
        }

        @Override
        public void configUnchanged(Snapshot snapshot) {
            told.add("unchanged, " + snapshot.backendCount() + " backends");
        }

        @Override
        public BiConsumer<List<ReloadResult>, Throwable> reloadSent(Snapshot snapshot) {
            told.add("reload sent, " + snapshot.backendCount() + " backends");
            return (results, failure) -> told.add("reload done: " + results);
        }
    };

    /** Renders one line per backend. */
    private static String render(Snapshot snapshot) {
        StringBuilder out = new StringBuilder();
        snapshot.upstreams().forEach(u -> u.backends().forEach(b -> out.append(u.name()).append(' ').append(b.endpoint()).append('\n')));
        return out.toString();
    }

    /** Its check rejects a file that names REJECTED; every reload is confirmed. */
    private static final class Proxy implements Reloader {
        @Override
        public List<CheckResult> check(ConfigCheck check) {
            try {
                return List.of(Files.readString(check.file()).contains(REJECTED)
                        ? CheckResult.rejected("proxy", "host not found")
                        : CheckResult.passed("proxy"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CompletionStage<List<ReloadResult>> reload() {
            return CompletableFuture.completedFuture(List.of(ReloadResult.ok("proxy", "sent SIGHUP")));
        }

        @Override
        public String describeTargets() {
            return "the test proxy";
        }
    }

    private static Snapshot snapshot(String... addresses) {
        List<Backend> backends = new ArrayList<>();
        for (String address : addresses) {
            backends.add(new Backend("id-" + address, "web-" + address, address, 5090, 0, false, Health.NONE, new TreeMap<>()));
        }
        return new Snapshot(List.of(new Upstream("web", backends)), List.of());
    }

    private SyncPipeline pipeline() {
        return new SyncPipeline(TestSyncPipelineTelemetry::render, new ConfigFile(dir.resolve("web.conf")), new Proxy(),
                List.of("nginx", "-t"), recording);
    }

    @Test
    void aChangeIsWrittenCheckedAndReloadedAndTheReloadsOutcomeIsTold() {
        pipeline().apply(snapshot("172.18.0.2"));

        assertThat(told).containsExactly("written", "check passed", "reload sent, 1 backends",
                "reload done: [ReloadResult[target=proxy, ok=true, detail=sent SIGHUP, runtime=false]]");
    }

    @Test
    void anUnchangedFileIsInEffectWithoutAReload() {
        SyncPipeline pipeline = pipeline();
        pipeline.apply(snapshot("172.18.0.2"));
        told.clear();

        pipeline.apply(snapshot("172.18.0.2"));

        assertThat(told).containsExactly("unchanged, 1 backends");
    }

    @Test
    void aRejectedCheckIsCountedAndTheGroupAtFaultIsToldLeftOut() {
        SyncPipeline pipeline = pipeline();
        pipeline.apply(snapshot("172.18.0.2"));
        told.clear();

        pipeline.apply(snapshot("172.18.0.2", REJECTED));

        assertThat(told).containsExactly("written", "check rejected", "left out by the proxy: [web]");
    }


    @Test
    void aConfigurationCheckedAheadIsWrittenAndCheckedThenOnlyReloaded() {
        SyncPipeline pipeline = pipeline();
        pipeline.apply(snapshot("172.18.0.2"));
        told.clear();

        pipeline.anticipate(snapshot("172.18.0.2", "172.18.0.3"));
        pipeline.apply(snapshot("172.18.0.2", "172.18.0.3"));

        assertThat(told).containsExactly("written", "check passed", "reload sent, 2 backends",
                "reload done: [ReloadResult[target=proxy, ok=true, detail=sent SIGHUP, runtime=false]]");
    }
}
