package dev.berth.haproxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.spi.ConfigChange;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the Runtime API is not tried, or cannot be reached: the wrapped reloader reloads. */
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
    void nothingIsTakenOutBeforeTheCheckWithoutASocketThatAnswersNorForAFirstFileOrAChangeBeyondTheSlots() {
        RuntimeApiReloader reloader = runtime();

        assertThat(reloader.takeOut(new ConfigChange(Optional.of(TWO), ONE))).isFalse();
        assertThat(reloader.takeOut(new ConfigChange(Optional.empty(), ONE))).isFalse();
        assertThat(reloader.takeOut(new ConfigChange(Optional.of(TWO), ONE.replace("backend web", "backend api")))).isFalse();
        assertThat(signal.reloads).as("reloads").isZero();
    }

    @Test
    void itDescribesBothWays() {
        assertThat(runtime().describeTargets()).contains("Runtime API", "haproxy.sock", "else the proxy");
    }
}
