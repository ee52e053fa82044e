package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/** The waits every scenario makes while Berth and the proxy converge on a change. */
public final class Converging {

    private Converging() {}

    /**
     * Waits until the group "web" in the file Berth writes lists exactly these addresses, and answers
     * when the file was last written.
     */
    public static Instant servers(BerthCli.Watch berth, ProxyKind kind, Path configFile, String... addresses) {
        AtomicReference<Instant> written = new AtomicReference<>();
        Waiting.upTo30s(configFile.getFileName() + " lists exactly " + Arrays.toString(addresses))
                .failFast("berth watch exited", () -> !berth.isAlive())
                .untilAsserted(() -> {
                    assertThat(kind.servers(configFile, "web")).containsExactlyInAnyOrder(addresses);
                    // Read after the content: should the file change in between, a later time is the safe side.
                    written.set(Files.getLastModifiedTime(configFile).toInstant());
                });
        return written.get();
    }

    /**
     * Waits until the proxy reloaded after {@code since} and its previous worker is gone, as its master
     * logs it; or, for HAProxy, which Berth changes through its Runtime API without a reload, until it
     * runs exactly the servers of group "web" that the file (written at {@code since}) lists.
     */
    public static void reloadSince(BerthCli.Watch berth, ProxyContainer proxy, Instant since) {
        Waiting.upTo30s(proxy.kind() + " reloaded (or updated at runtime) after " + since)
                .failFast("berth watch exited or the " + proxy.kind() + " container stopped",
                        () -> !berth.isAlive() || !proxy.isRunning())
                .until(() -> proxy.reloadedSince(since) || proxy.kind() == ProxyKind.HAPROXY && proxy.runsTheFilesServers("web"));
    }

    /** Waits until Berth logged, after its log had {@code logMark} characters, that it put a change into effect: a reload or a runtime update, confirmed. */
    public static void berthConfirmed(BerthCli.Watch berth, int logMark) {
        Waiting.upTo30s("Berth logs '" + BerthAndProxy.BERTH_RELOADED + "…' or '…" + BerthAndProxy.BERTH_UPDATED_AT_RUNTIME + "…'")
                .failFast("berth watch exited", () -> !berth.isAlive())
                .until(() -> berth.log().substring(logMark).contains(BerthAndProxy.BERTH_RELOADED)
                        || berth.log().substring(logMark).contains(BerthAndProxy.BERTH_UPDATED_AT_RUNTIME));
    }
}
