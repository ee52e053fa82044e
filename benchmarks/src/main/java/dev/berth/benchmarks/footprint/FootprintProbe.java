package dev.berth.benchmarks.footprint;

import dev.berth.benchmarks.scale.Fleet;
import dev.berth.core.registry.Registry;
import dev.berth.core.spi.Renderer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in its own JVM by {@link FootprintBenchmark}: holds what a watcher holds for BACKENDS
 * containers in GROUPS groups (the registry and the nginx renderer, after one render), then prints
 * {@code key=value} lines: heap used after a full GC, and the process's resident memory now and at
 * its peak, from /proc/self/status.
 */
public final class FootprintProbe {

    private FootprintProbe() {}

    public static void main(String[] args) throws IOException {
        Fleet fleet = new Fleet(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        Watching watching = watch(fleet);
        // Several, as one System.gc() may leave what became garbage during the last one.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String status = Files.readString(Path.of("/proc/self/status"));
        System.out.println("heap=" + heap);
        System.out.println("rss=" + kibibytes(status, "VmRSS:") * 1024);
        System.out.println("peak=" + kibibytes(status, "VmHWM:") * 1024);
        System.out.println("held=" + watching.registry().size() + " rendered=" + watching.rendered());
    }

    /** What stays reachable while a watcher waits for the next change. */
    private record Watching(Registry registry, Renderer renderer, int rendered) {}

    private static Watching watch(Fleet fleet) {
        Registry registry = fleet.registry();
        Renderer renderer = Fleet.renderer("nginx");
        return new Watching(registry, renderer, renderer.render(registry.snapshot()).length());
    }

    static long kibibytes(String status, String key) {
        return status.lines().filter(line -> line.startsWith(key)).findFirst()
                .map(line -> Long.parseLong(line.substring(key.length()).replace("kB", "").strip()))
                .orElseThrow(() -> new IllegalStateException("/proc/self/status has no " + key));
    }
}
