package dev.berth.benchmarks.startup;

import com.github.dockerjava.api.DockerClient;
import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.LauncherOptions;
import dev.berth.benchmarks.Settings;
import dev.berth.benchmarks.ViaLauncher;
import dev.berth.cli.e2e.Prerequisites;
import dev.berth.cli.e2e.ProxyKind;
import dev.berth.cli.e2e.TestImages;
import dev.berth.cli.e2e.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long {@code berth watch} takes from the process's start to the first configuration with every
 * running container in it, with and without the class-data sharing archive the build ships (and a
 * JDK 25 AOT cache where such a JDK is installed); {@code --version} and {@code render} for context.
 */
public final class StartupBenchmark implements Benchmark {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** One, as in the blog's scenario: what start-up costs, not what many containers add. */
    private static final int CONTAINERS = 1;
    private static final Pattern LOGGED_AT = Pattern.compile("^(\\S+Z) INFO DockerSource - following Docker events");

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String title() {
        return "Start-up";
    }

    @Override
    public String method(Settings settings) {
        return ("%d selected busybox container(s) run on one network. `berth watch` is started as a process, %d times"
                + " for each way of starting the JVM (in turn), and timed from the process start to the moment its"
                + " output file lists all %d server(s) (polled every 2 ms); the CPU time the process used until then"
                + " is given too, less noisy on a shared machine. The ways: the plain JVM (no options: the figure before"
                + " any start-up work); the JVM as `./berth` runs it (its options, read from the launcher: the class-data"
                + " sharing archive the build writes next to berth.jar, C1 only, the serial collector, a small heap); and,"
                + " where a JDK 25+ is installed, that JDK with the launcher's options but its archive, and ./berth itself"
                + " run with JAVA_HOME set to that JDK: it makes an AOT cache for it on its first run (not timed; trained as"
                + " the archive is: `render` against no Docker) and uses it from then on. `berth --version`"
                + " and `berth render` (same containers, to stdout) are timed the same way. Targets, as ./berth runs it:"
                + " watch to the first write ≤ 0.5 s, render ≤ 0.5 s. Beside them, where python3 with docker-py and Jinja2"
                + " is installed, a script that works as the blog post's does (blog-style.py in the benchmarks' resources:"
                + " list, render with Jinja2, write; then the same per event), timed the same way (render: its --once, to"
                + " stdout). docker-gen is not installed on this machine, so not measured.").formatted(CONTAINERS, rounds(settings),
                CONTAINERS);
    }


    private static int rounds(Settings settings) {
        return settings.pick(1, 5);
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
        try (Topology topology = Topology.create(docker)) {
            startBackends(topology, CONTAINERS);
            List<Way> ways = berthWays(settings);
            Peer.python(settings.work()).ifPresent(peer -> ways.add(new Way(peer.label(), peer::command, false)));
            Map<Way, List<Run>> watch = new LinkedHashMap<>();
            Map<Way, List<Run>> version = new LinkedHashMap<>();
            Map<Way, List<Run>> render = new LinkedHashMap<>();
            List<String> selection = List.of("--select", Topology.TYPE_LABEL + "=web", "--select", topology.runFilter(),
                    "--network", topology.network(), "--port", String.valueOf(TestImages.BACKEND_PORT));
            for (int round = 0; round < rounds(settings); round++) {
                for (Way way : ways) {
                    watch.computeIfAbsent(way, w -> new ArrayList<>()).add(watch(settings, way, selection, round));
                    if (way.hasVersion()) {
                        version.computeIfAbsent(way, w -> new ArrayList<>()).add(once(settings, way, List.of("--version")));
                    }
                    List<String> renderArguments = new ArrayList<>(List.of("render"));
                    renderArguments.addAll(selection);
                    render.computeIfAbsent(way, w -> new ArrayList<>()).add(once(settings, way, renderArguments));
                }
            }
            return figures(ways, watch, version, render);
        }
    }

    /** One way to run a watcher: Berth on a JVM, or a peer; from Berth's arguments to a command. */
    private record Way(String label, Function<List<String>, List<String>> command, boolean hasVersion) {
    }

    /** The ways Berth's JVM is started, as {@link #shipped} expects them: plain first, then as ./berth runs it. */
    private static List<Way> berthWays(Settings settings) throws IOException, InterruptedException {
        Path java = Jvm.current();
        Path archive = settings.berthJar().resolveSibling("berth.jsa");
        if (!Files.isRegularFile(archive)) {
            // A jar built elsewhere: train an archive here, as the build does.
            archive = settings.work().resolve("berth.jsa");
            Jvm.plain(java, "").train(settings.berthJar(), settings.work(), "-XX:ArchiveClassesAtExit=" + archive);
        }
        Path launcher = LauncherOptions.launcherOf(settings.berthJar());
        String jdk = "JDK " + Runtime.version().feature();
        // As ./berth runs it, when the jar is the launcher's: its archive, collector and heap.
        boolean launchers = Files.isRegularFile(launcher) && archive.equals(settings.berthJar().resolveSibling("berth.jsa"));
        Jvm shipped = launchers
                ? new Jvm(jdk + ", as ./berth runs it (CDS archive)", java, LauncherOptions.read(launcher))
                : Jvm.withArchive(java, archive, jdk + ", CDS archive");
        List<Jvm> jvms = new ArrayList<>(List.of(Jvm.plain(java, jdk + ", plain"), shipped));
        Optional<Path> jdk25 = ViaLauncher.jdk25();
        jdk25.ifPresent(home -> jvms.add(new Jvm(home.getFileName() + ", launcher's options, no archive",
                home.resolve("bin/java"), Jvm.tuning(shipped.options()))));
        List<Way> ways = new ArrayList<>(jvms.stream()
                .map(jvm -> new Way(jvm.label(), arguments -> jvm.command(settings.berthJar(), arguments), true)).toList());
        Optional<ViaLauncher> newer = launchers && jdk25.isPresent() ? ViaLauncher.of(settings, jdk25.get()) : Optional.empty();
        if (newer.isPresent()) {
            newer.get().prepare();
            ways.add(new Way(newer.get().jdkName() + ", as ./berth runs it (its AOT cache)", newer.get()::command, true));
        }
        return ways;
    }

    /** Starts them a few at a time: 100 one by one take long on a busy machine. */
    private static void startBackends(Topology topology, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                starts.add(pool.submit(() -> topology.startWeb()));
            }
            for (Future<?> start : starts) {
                start.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Wall and CPU time until the file lists every container; and until Berth followed the events (from its log). */
    private record Run(long wallMillis, long cpuMillis, long subscribedMillis) {
    }

    private static Run watch(Settings settings, Way way, List<String> selection, int round) throws Exception {
        Path output = settings.work().resolve("startup-" + round + "-" + Math.abs(way.label().hashCode()) + ".conf");
        Path log = settings.work().resolve(output.getFileName() + ".log");
        List<String> arguments = new ArrayList<>(List.of("watch", "--output", output.toString()));
        arguments.addAll(selection);
        Instant launched = Instant.now();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(way.command().apply(arguments))
                .directory(settings.work().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int expected = CONTAINERS;
            while (servers(output) < expected) {
                if (!process.isAlive() || System.nanoTime() - start > LIMIT.toNanos()) {
                    throw new IllegalStateException("watch (" + way.label() + ") did not write " + expected
                            + " servers within " + LIMIT.toSeconds() + " s:\n" + Files.readString(log));
                }
                Thread.sleep(2);
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new Run(wall, cpu, subscribedAfter(log, launched));
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int servers(Path output) {
        try {
            return Files.exists(output) ? ProxyKind.NGINX.servers(output, "web").size() : 0;
        } catch (RuntimeException partlyWritten) {
            return 0;
        }
    }

    private static long subscribedAfter(Path log, Instant launched) throws IOException {
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = LOGGED_AT.matcher(line);
            if (matcher.find()) {
                return Duration.between(launched, Instant.parse(matcher.group(1))).toMillis();
            }
        }
        return -1;
    }

    private static Run once(Settings settings, Way way, List<String> arguments) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(way.command().apply(arguments))
                .directory(settings.work().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("berth " + arguments + " did not end within " + LIMIT.toSeconds() + " s");
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(arguments + " (" + way.label() + ") exited with " + process.exitValue());
        }
        return new Run(wall, -1, -1);
    }

    private static List<Figure> figures(List<Way> ways, Map<Way, List<Run>> watch, Map<Way, List<Run>> version,
            Map<Way, List<Run>> render) {
        List<Figure> figures = new ArrayList<>();
        for (Way way : ways) {
            List<Run> runs = watch.get(way);
            double seconds = median(runs.stream().map(Run::wallMillis).toList()) / 1000.0;
            double subscribed = median(runs.stream().map(Run::subscribedMillis).toList());
            Figure figure = Figure.of("watch, " + count(CONTAINERS) + ", to the first write (" + way.label() + ")",
                    seconds, "s").detail("%s; CPU %s s%s".formatted(spread(runs.stream().map(Run::wallMillis).toList()),
                            seconds(median(runs.stream().map(Run::cpuMillis).toList())),
                            // Only Berth logs when it follows the events.
                            subscribed < 0 ? "" : "; Docker events followed after " + seconds(subscribed) + " s"));
            figures.add(way == shipped(ways) ? figure.against("≤ 0.5 s", seconds <= 0.5) : figure);
        }
        for (Way way : version.keySet()) {
            List<Long> walls = version.get(way).stream().map(Run::wallMillis).toList();
            figures.add(Figure.of("berth --version (" + way.label() + ")", median(walls) / 1000.0, "s").detail(spread(walls)));
        }
        for (Way way : ways) {
            List<Long> walls = render.get(way).stream().map(Run::wallMillis).toList();
            double seconds = median(walls) / 1000.0;
            Figure figure = Figure.of("berth render, " + count(CONTAINERS) + " (" + way.label() + ")", seconds, "s")
                    .detail(spread(walls));
            figures.add(way == shipped(ways) ? figure.against("≤ 0.5 s", seconds <= 0.5) : figure);
        }
        return figures;
    }

    private static String count(int containers) {
        return containers == 1 ? "1 container" : containers + " containers";
    }

    /** The second way: as ./berth runs it (see {@link #jvms}). */
    private static Way shipped(List<Way> ways) {
        return ways.get(1);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String seconds(double millis) {
        return "%.2f".formatted(millis / 1000.0);
    }

    private static String spread(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.size() == 1 ? "1 run"
                : "median of %d runs, %s–%s s".formatted(sorted.size(), seconds(sorted.get(0)), seconds(sorted.get(sorted.size() - 1)));
    }
}
