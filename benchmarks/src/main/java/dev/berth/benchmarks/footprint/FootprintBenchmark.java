package dev.berth.benchmarks.footprint;

import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.LauncherOptions;
import dev.berth.benchmarks.Settings;
import dev.berth.benchmarks.ViaLauncher;
import dev.berth.benchmarks.footprint.WatchedFootprint.Rss;
import dev.berth.benchmarks.footprint.WatchedFootprint.Watcher;
import dev.berth.benchmarks.startup.Peer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Heap and resident memory of a JVM that holds a watcher's state for 10,000 backends, against 0. */
public final class FootprintBenchmark implements Benchmark {

    static final int BACKENDS = 10_000;
    static final int GROUPS = 100;
    static final long RSS_TARGET_MB = 150;
    static final long WATCH_RSS_TARGET_MB = 64;
    private static final double MB = 1024 * 1024;

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public String title() {
        return "Footprint: resident memory of berth watch, and at 10,000 backends";
    }

    @Override
    public String method(Settings settings) {
        return "`berth watch` as ./berth runs it (with JAVA_HOME set to the JDK of the build; and to a JDK 25+ where one"
                + " is installed, with the AOT cache the launcher makes for it), following one selected busybox container: its "
                + "resident memory (VmRSS; VmHWM, the peak) 3 s after its first write; beside it, in the same run, where"
                + " python3 with docker-py and Jinja2 is installed, a script that works as the blog post's does (as in"
                + " the start-up benchmark). Then, for 10,000 backends, which "
                + "Docker cannot run here: a fresh JVM per figure (the same java, with the JVM options of the launcher ./berth, read from it: "
                + describe(options(settings)) + ") builds the real registry from " + String.format(Locale.ROOT, "%,d", BACKENDS)
                + " running containers in " + GROUPS + " groups, renders the nginx configuration once, keeps the registry "
                + "and the renderer, runs a full GC and reads its heap in use and /proc/self/status (VmRSS now, VmHWM: "
                + "the peak). The same JVM holding 0 containers gives the base, so the difference is what the backends cost. "
                + "The median of " + runs(settings) + " run(s) each.";
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        List<String> options = options(settings);
        List<Figure> figures = new ArrayList<>();
        for (Rss watching : WatchedFootprint.ofOneContainer(settings, watchers(settings, options))) {
            Figure figure = Figure.of(watching.watcher().label() + ": RSS", watching.now() / MB, "MB")
                    .detail(String.format(Locale.ROOT, "peak %.0f MB", watching.peak() / MB));
            // The target is for Berth as the launcher runs it on the build's JDK: the first watcher.
            figures.add(figures.isEmpty() ? figure.against("≤ " + WATCH_RSS_TARGET_MB + " MB",
                    watching.now() / MB <= WATCH_RSS_TARGET_MB) : figure);
        }
        Sample empty = median(settings, options, 0);
        Sample full = median(settings, options, BACKENDS);
        String size = String.format(Locale.ROOT, "%,d backends", BACKENDS);
        figures.addAll(List.of(
                Figure.of("heap after GC, 0 backends", empty.heap / MB, "MB"),
                Figure.of("heap after GC, " + size, full.heap / MB, "MB")
                        .detail(String.format(Locale.ROOT, "%+.1f MB for the backends", (full.heap - empty.heap) / MB)),
                Figure.of("RSS after GC, 0 backends", empty.rss / MB, "MB")
                        .detail(String.format(Locale.ROOT, "peak %.0f MB", empty.peak / MB)),
                Figure.of("RSS after GC, " + size, full.rss / MB, "MB")
                        .detail(String.format(Locale.ROOT, "%+.1f MB for the backends; peak %.0f MB",
                                (full.rss - empty.rss) / MB, full.peak / MB))
                        .against("≤ " + RSS_TARGET_MB + " MB", full.rss / MB <= RSS_TARGET_MB)));
        return figures;
    }

    /** Berth as ./berth runs it (else the jar with the launcher's options), on a JDK 25+ too, and the Python peer. */
    private static List<Watcher> watchers(Settings settings, List<String> options) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("java.home"));
        String jdk = "JDK " + Runtime.version().feature();
        List<Watcher> watchers = new ArrayList<>();
        Optional<ViaLauncher> launcher = ViaLauncher.of(settings, home);
        if (launcher.isPresent()) {
            watchers.add(new Watcher("berth watch, 1 container (" + jdk + ", as ./berth runs it)", launcher.get()::command));
            Optional<ViaLauncher> newer = ViaLauncher.jdk25().flatMap(newerHome -> ViaLauncher.of(settings, newerHome));
            if (newer.isPresent()) {
                newer.get().prepare();
                watchers.add(new Watcher("berth watch, 1 container (" + newer.get().jdkName()
                        + ", as ./berth runs it: its AOT cache)", newer.get()::command));
            }
        } else {
            List<String> java = new ArrayList<>(List.of(home.resolve("bin/java").toString()));
            java.addAll(options);
            java.addAll(List.of("-jar", settings.berthJar().toString()));
            watchers.add(new Watcher("berth watch, 1 container (" + jdk + ", the launcher's options)", arguments -> {
                List<String> command = new ArrayList<>(java);
                command.addAll(arguments);
                return command;
            }));
        }
        Optional<Peer> peer = Peer.python(settings.work());
        peer.ifPresent(python -> watchers.add(new Watcher(python.label() + ", 1 container", python::command)));
        return watchers;
    }

    private static int runs(Settings settings) {
        return settings.pick(1, 3);
    }

    private static List<String> options(Settings settings) {
        try {
            return LauncherOptions.read(LauncherOptions.launcherOf(settings.berthJar()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the launcher next to " + settings.berthJar() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<String> options) {
        return options.isEmpty() ? "none" : String.join(" ", options);
    }

    /** In bytes. */
    private record Sample(long heap, long rss, long peak) {}

    private static Sample median(Settings settings, List<String> options, int backends) throws IOException, InterruptedException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs(settings); i++) {
            samples.add(probe(settings, options, backends));
        }
        samples.sort((a, b) -> Long.compare(a.rss, b.rss));
        return samples.get(samples.size() / 2);
    }

    private static Sample probe(Settings settings, List<String> options, int backends) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", settings.benchmarksJar().toString(), FootprintProbe.class.getName(),
                String.valueOf(backends), String.valueOf(GROUPS)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the footprint probe failed: " + String.join(" ", command) + "\n" + out);
        }
        Map<String, Long> values = new HashMap<>();
        out.lines().filter(line -> line.matches("(heap|rss|peak)=\\d+"))
                .forEach(line -> values.put(line.substring(0, line.indexOf('=')), Long.parseLong(line.substring(line.indexOf('=') + 1))));
        if (values.size() != 3) {
            throw new IllegalStateException("the footprint probe printed no figures:\n" + out);
        }
        return new Sample(values.get("heap"), values.get("rss"), values.get("peak"));
    }
}
