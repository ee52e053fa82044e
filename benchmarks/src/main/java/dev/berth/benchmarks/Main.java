package dev.berth.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar benchmarks/target/benchmarks.jar [--smoke] [--only NAME]…}: runs, prints, writes the report. */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Measures Berth on the real Docker Engine, nginx and HAProxy; writes benchmarks.md and .json.")
public final class Main implements Callable<Integer> {

    @Option(names = "--smoke", description = "Every benchmark, small: proves they run (CI); figures not for publishing.")
    private boolean smoke;

    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Run only these benchmarks: ${COMPLETION-CANDIDATES}.")
    private List<String> only = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where to write benchmarks.md and benchmarks.json (default: docs, or target/benchmarks-smoke with --smoke).")
    private Path output;

    @Option(names = "--berth-jar", paramLabel = "FILE", description = "The Berth to measure (default: cli/target/berth.jar).")
    private Path berthJar;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Benchmark> chosen = Benchmarks.all().stream().filter(b -> only.isEmpty() || only.contains(b.name())).toList();
        List<String> unknown = only.stream().filter(n -> Benchmarks.all().stream().noneMatch(b -> b.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "unknown benchmark(s) " + unknown + "; known: "
                    + Benchmarks.all().stream().map(Benchmark::name).toList());
        }
        Path jar = berthJar != null ? berthJar : Path.of(System.getProperty("berth.jar", "cli/target/berth.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "no Berth jar at " + jar
                    + " (build it with ./mvnw -DskipTests package, or give --berth-jar)");
        }
        Path folder = output != null ? output : Path.of(smoke ? "target/benchmarks-smoke" : "docs");
        Path work = Files.createTempDirectory("berth-benchmarks");
        Settings settings = new Settings(smoke, work, jar.toAbsolutePath(), ownJar());
        List<Report.Section> sections = new ArrayList<>();
        for (Benchmark benchmark : chosen) {
            System.out.printf("benchmark %s: %s%n", benchmark.name(), benchmark.title());
            List<Figure> figures = benchmark.run(settings);
            for (Figure figure : figures) {
                System.out.printf("  %-60s %14s  %s%s%n", figure.what(), Report.value(figure), figure.detail(),
                        figure.target() == null ? "" : "  [" + figure.target().text() + ": "
                                + (figure.target().met() ? "met" : "MISSED") + "]");
            }
            sections.add(new Report.Section(benchmark.name(), benchmark.title(), benchmark.method(settings), figures));
        }
        Report report = new Report(Machine.describe(), sections, smoke ? "scripts/benchmark --smoke" : "scripts/benchmark");
        report.write(folder);
        System.out.println("wrote " + folder.resolve("benchmarks.md") + " and " + folder.resolve("benchmarks.json"));
        return 0;
    }

    /** This program's jar, which the benchmarks that fork a JVM (JMH, the footprint) run from. */
    private static Path ownJar() throws URISyntaxException {
        String property = System.getProperty("benchmarks.jar");
        if (property != null) {
            return Path.of(property).toAbsolutePath();
        }
        return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
