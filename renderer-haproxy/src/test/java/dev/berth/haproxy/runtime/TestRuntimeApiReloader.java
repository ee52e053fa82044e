package dev.berth.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.spi.ConfigChange;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes in place through the Runtime API, in the order that keeps servers from serving at a wrong address; and when it is not tried, or cannot be reached, the wrapped reloader reloads. */
final class TestRuntimeApiReloader {

    private static final String ONE = """
            global
                stats socket /usr/local/etc/haproxy/haproxy.sock mode 666 level admin
            backend web
                server slot1 10.0.0.1:80 check  # web-1
                server slot2 127.0.0.1:1 check disabled
            """;
    private static final String TWO = ONE.replace("127.0.0.1:1 check disabled", "10.0.0.2:80 check  # web-2");

    /** Counts its reloads. */
    private static final class CountingReloader implements Reloader {
        int reloads;

        @Override
        public CompletionStage<List<ReloadResult>> reload() {
            reloads++;
            return CompletableFuture.completedFuture(List.of(ReloadResult.ok("proxy", "reloaded")));
        }

        @Override
        public String describeTargets() {
            return "the proxy";
        }
    }

    @TempDir
    Path dir;

    private final CountingReloader signal = new CountingReloader();

    private RuntimeApiReloader runtime() {
        return new RuntimeApiReloader(signal, new RuntimeSocket(dir.resolve("haproxy.sock")), dir.resolve("haproxy.cfg"));
    }

    @Test
    void theFirstFileAndAChangeBeyondTheSlotsReload() {
        RuntimeApiReloader reloader = runtime();

        reloader.apply(new ConfigChange(Optional.empty(), ONE));
        reloader.apply(new ConfigChange(Optional.of(ONE), ONE.replace("backend web", "backend api")));

        assertThat(signal.reloads).isEqualTo(2);
    }

    @Test
    void aSlotChangeWithoutASocketThatAnswersReloadsEveryTime() {
        RuntimeApiReloader reloader = runtime();

        List<ReloadResult> first = reloader.apply(new ConfigChange(Optional.of(ONE), TWO)).toCompletableFuture().join();
        reloader.apply(new ConfigChange(Optional.of(TWO), ONE)).toCompletableFuture().join();

        assertThat(signal.reloads).isEqualTo(2);
        assertThat(first).singleElement().satisfies(result -> assertThat(result.runtime()).isFalse());
    }

    @Test
    void nothingIsTakenInPlaceWithoutASocketThatAnswersNorAFirstFileOrAChangeBeyondTheSlots() {
        RuntimeApiReloader reloader = runtime();

        assertThat(reloader.takesInPlace(new ConfigChange(Optional.empty(), ONE))).as("a first file").isFalse();
        assertThat(reloader.takesInPlace(new ConfigChange(Optional.of(TWO), ONE.replace("backend web", "backend api"))))
                .as("another backend").isFalse();
        assertThat(reloader.applyInPlace(new ConfigChange(Optional.of(TWO), ONE))).as("no socket").isEmpty();
        assertThat(reloader.takesInPlace(new ConfigChange(Optional.of(ONE), TWO))).as("once the socket was found missing").isFalse();
        assertThat(signal.reloads).as("reloads").isZero();
    }

    @Test
    void aSlotTakenGoesInPlaceItsAddressAndWeightBeforeItIsReadyConfirmedByTheStateReadBack() throws IOException {
        try (FakeRuntimeSocket haproxy = new FakeRuntimeSocket(dir.resolve("haproxy.sock"),
                Map.of("web/slot1", "10.0.0.1:80 1 ready", "web/slot2", "127.0.0.1:1 1 maint"))) {
            RuntimeApiReloader reloader = runtime();
            ConfigChange change = new ConfigChange(Optional.of(ONE), TWO.replace("10.0.0.2:80 check", "10.0.0.2:80 check weight 3"));

            assertThat(reloader.takesInPlace(change)).isTrue();
            Optional<List<ReloadResult>> results = reloader.applyInPlace(change);

            assertThat(results).hasValueSatisfying(done -> assertThat(done).singleElement()
                    .satisfies(result -> assertThat(result.runtime()).isTrue())
                    .satisfies(result -> assertThat(result.detail()).contains("3 commands", "confirmed by show servers state")));
            assertThat(haproxy.setCommands()).containsExactly(
                    "set server web/slot2 addr 10.0.0.2 port 80", "set server web/slot2 weight 3", "set server web/slot2 state ready");
            assertThat(haproxy.state("web/slot2")).isEqualTo("10.0.0.2:80 3 ready");
            assertThat(haproxy.connections()).as("connections: the state, addresses and weights, readiness, the state read back").isEqualTo(4);
            assertThat(signal.reloads).as("reloads").isZero();
        }
    }

    @Test
    void aSlotFreedGoesIntoMaintenanceBeforeItsAddressChanges() throws IOException {
        try (FakeRuntimeSocket haproxy = new FakeRuntimeSocket(dir.resolve("haproxy.sock"),
                Map.of("web/slot1", "10.0.0.1:80 1 ready", "web/slot2", "10.0.0.2:80 1 ready"))) {
            Optional<List<ReloadResult>> results = runtime().applyInPlace(new ConfigChange(Optional.of(TWO), ONE));

            assertThat(results).isPresent();
            assertThat(haproxy.setCommands()).containsExactly("set server web/slot2 state maint", "set server web/slot2 addr 127.0.0.1 port 1");
            assertThat(haproxy.state("web/slot2")).isEqualTo("127.0.0.1:1 1 maint");
        }
    }

    @Test
    void aChangeHaproxyRefusesInPlaceIsNotTriedAgainOnceCheckedButReloadsOnce() throws IOException {
        try (FakeRuntimeSocket haproxy = new FakeRuntimeSocket(dir.resolve("haproxy.sock"),
                Map.of("web/slot1", "10.0.0.1:80 1 ready", "web/slot2", "127.0.0.1:1 1 maint"))) {
            haproxy.refuse(command -> command.startsWith("set server"));
            RuntimeApiReloader reloader = runtime();
            ConfigChange change = new ConfigChange(Optional.of(ONE), TWO);

            assertThat(reloader.applyInPlace(change)).as("in place").isEmpty();
            List<ReloadResult> applied = reloader.apply(change).toCompletableFuture().join();

            assertThat(signal.reloads).as("reloads").isEqualTo(1);
            assertThat(applied).singleElement().satisfies(result -> assertThat(result.runtime()).isFalse());
            assertThat(haproxy.setCommands()).as("commands sent").containsExactly("set server web/slot2 addr 10.0.0.2 port 80");
        }
    }

    @Test
    void aSlotWhoseAddressHaproxyRefusesIsNotMadeReady() throws IOException {
        try (FakeRuntimeSocket haproxy = new FakeRuntimeSocket(dir.resolve("haproxy.sock"),
                Map.of("web/slot1", "10.0.0.1:80 1 maint", "web/slot2", "127.0.0.1:1 1 maint"))) {
            haproxy.refuse(command -> command.equals("set server web/slot2 addr 10.0.0.2 port 80"));
            String both = TWO.replace("10.0.0.1:80 check ", "10.0.0.1:80 check weight 2 ");

            assertThat(runtime().applyInPlace(new ConfigChange(Optional.of(ONE), both))).isEmpty();

            assertThat(haproxy.setCommands()).as("commands sent").doesNotContain("set server web/slot2 state ready", "set server web/slot1 state ready");
            assertThat(haproxy.state("web/slot2")).isEqualTo("127.0.0.1:1 1 maint");
        }
    }

    @Test
    void itDescribesBothWays() {
        assertThat(runtime().describeTargets()).contains("Runtime API", "haproxy.sock", "else the proxy");
    }
}
