package dev.berth.benchmarks.footprint;

import com.github.dockerjava.api.DockerClient;
import dev.berth.benchmarks.Settings;
import dev.berth.cli.e2e.Prerequisites;
import dev.berth.cli.e2e.ProxyKind;
import dev.berth.cli.e2e.TestImages;
import dev.berth.cli.e2e.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The resident memory of real watchers ({@code berth watch} as the launcher runs it, and a peer where
 * one is installed) that follow one selected container, one after the other: read from /proc/PID/status
 * a few seconds after the first write, when each waits for the next event as a watcher mostly does.
 */
final class WatchedFootprint {

    private static final long SETTLE_MILLIS = 3_000;
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private WatchedFootprint() {}

    /** One watcher to measure: from Berth's {@code watch} arguments to its command. */
    record Watcher(String label, Function<List<String>, List<String>> command) {}

    /** In bytes: VmRSS and VmHWM. */
    record Rss(Watcher watcher, long now, long peak) {}

    static List<Rss> ofOneContainer(Settings settings, List<Watcher> watchers) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
        try (Topology topology = Topology.create(docker)) {
            topology.startWeb();
            List<Rss> all = new ArrayList<>();
            for (Watcher watcher : watchers) {
                all.add(measure(settings, topology, watcher));
            }
            return all;
        }
    }

    private static Rss measure(Settings settings, Topology topology, Watcher watcher) throws Exception {
        Path output = settings.work().resolve("footprint-watch-" + Math.abs(watcher.label().hashCode()) + ".conf");
        Path log = settings.work().resolve(output.getFileName() + ".log");
        Files.deleteIfExists(output);
        List<String> command = watcher.command().apply(List.of("watch", "--output", output.toString(),
                "--select", Topology.TYPE_LABEL + "=web", "--select", topology.runFilter(),
                "--network", topology.network(), "--port", String.valueOf(TestImages.BACKEND_PORT)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long start = System.nanoTime();
            while (!written(output)) {
                if (!process.isAlive() || System.nanoTime() - start > LIMIT_NANOS) {
                    throw new IllegalStateException(watcher.label() + " wrote no server within 60 s:\n" + Files.readString(log));
                }
                Thread.sleep(10);
            }
            Thread.sleep(SETTLE_MILLIS);
            String status = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status"));
            return new Rss(watcher, FootprintProbe.kibibytes(status, "VmRSS:") * 1024,
                    FootprintProbe.kibibytes(status, "VmHWM:") * 1024);
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean written(Path output) throws IOException {
        try {
            return Files.exists(output) && !ProxyKind.NGINX.servers(output, "web").isEmpty();
        } catch (RuntimeException partlyWritten) {
            return false;
        }
    }
}
