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

/**
 * The resident memory of a real {@code berth watch} (the jar, the launcher's JVM options) that
 * follows one selected container: read from /proc/PID/status a few seconds after its first write,
 * when it waits for the next event as a watcher mostly does.
 */
final class WatchedFootprint {

    private static final long SETTLE_MILLIS = 3_000;
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private WatchedFootprint() {}

    /** In bytes: VmRSS and VmHWM. */
    record Rss(long now, long peak) {}

    static Rss ofOneContainer(Settings settings, List<String> options) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
        try (Topology topology = Topology.create(docker)) {
            topology.startWeb();
            Path output = settings.work().resolve("footprint-watch.conf");
            Path log = settings.work().resolve("footprint-watch.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.addAll(List.of("-jar", settings.berthJar().toString(), "watch", "--output", output.toString(),
                    "--select", Topology.TYPE_LABEL + "=web", "--select", topology.runFilter(),
                    "--network", topology.network(), "--port", String.valueOf(TestImages.BACKEND_PORT)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long start = System.nanoTime();
                while (!written(output)) {
                    if (!process.isAlive() || System.nanoTime() - start > LIMIT_NANOS) {
                        throw new IllegalStateException("berth watch wrote no server within 60 s:\n" + Files.readString(log));
                    }
                    Thread.sleep(10);
                }
                Thread.sleep(SETTLE_MILLIS);
                String status = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status"));
                return new Rss(FootprintProbe.kibibytes(status, "VmRSS:") * 1024, FootprintProbe.kibibytes(status, "VmHWM:") * 1024);
            } finally {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
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
