package dev.berth.benchmarks.scale;

import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Registry, render and one change at 1,000 and 10,000 backends, with JMH, for both built-in renderers. */
public final class ScaleBenchmark implements Benchmark {

    static final double FULL_RENDER_TARGET_MS = 50;
    static final double ONE_CHANGE_TARGET_MS = 5;
    static final int TARGET_BACKENDS = 10_000;
    /** The report's order: the default renderer first. */
    private static final List<String> RENDERERS = List.of("nginx", "haproxy");

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String title() {
        return "Scale: registry, render and one change at 10,000 backends";
    }

    @Override
    public String method(Settings settings) {
        return "JMH 1.37, average time per operation in ms, ± the 99.9% confidence interval; "
                + (settings.smoke() ? "smoke run: in-process, one short warm-up and one short measurement iteration, figures not for publishing. "
                        : "one forked JVM per case (java -jar benchmarks.jar's class path, no JVM option), "
                                + warmups(settings) + " warm-up and " + measurements(settings) + " measurement iterations of "
                                + iteration(settings).getTime() + " s. ")
                + "The fleet is made up: running containers, each with its own address on one network and one exposed port, "
                + "spread evenly over the groups (berth.upstream). Renderers come from their plugins (ServiceLoader, "
                + "RendererFactory, built-in template) as in Berth. *Registry resync*: every container applied to the "
                + "registry (Registry.replaceAll, as after a (re)connect), then its snapshot. *Full render*: the whole "
                + "file rendered from a snapshot in which every backend differs from the last render's (two fleets on "
                + "different ports, in turns), so that the template's {% cache %} can reuse nothing, as at start or after a resync. *One change*: one container stops or starts (they take turns) → "
                + "Registry.put → snapshot (only the touched group is rebuilt) → render (only the touched group's text: {% cache %}) → UTF-8 bytes compared with the previous ones: the in-process work "
                + "of one Watcher pass, without Docker's inspect, the file I/O, the proxy's check and the reload, which "
                + "the end-to-end benchmarks cover. The allocation per operation comes from JMH's gc profiler.";
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        Options options = new OptionsBuilder()
                .include(ScaleJmh.class.getName() + "\\.")
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.MILLISECONDS)
                .forks(settings.pick(0, 1))
                .warmupIterations(warmups(settings))
                .warmupTime(iteration(settings))
                .measurementIterations(measurements(settings))
                .measurementTime(iteration(settings))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(settings.smoke() ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .build();
        return figures(new Runner(options).run());
    }

    private static int warmups(Settings settings) {
        return settings.pick(1, 4);
    }

    private static int measurements(Settings settings) {
        return settings.pick(1, 5);
    }

    private static TimeValue iteration(Settings settings) {
        return settings.smoke() ? TimeValue.milliseconds(200) : TimeValue.seconds(1);
    }

    static List<Figure> figures(Collection<RunResult> results) {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> order(r.getParams()))
                .thenComparingInt(r -> RENDERERS.indexOf(String.valueOf(r.getParams().getParam("renderer"))))
                .thenComparingInt(r -> Integer.parseInt(r.getParams().getParam("backends")))
                .thenComparingInt(r -> Integer.parseInt(r.getParams().getParam("groups"))));
        return sorted.stream().map(ScaleBenchmark::figure).toList();
    }

    private static int order(BenchmarkParams params) {
        return List.of("registryResync", "fullRender", "oneChange").indexOf(method(params));
    }

    private static String method(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static Figure figure(RunResult result) {
        BenchmarkParams params = result.getParams();
        int backends = Integer.parseInt(params.getParam("backends"));
        String size = String.format(Locale.ROOT, "%,d backends in %,d groups", backends, Integer.parseInt(params.getParam("groups")));
        Result<?> primary = result.getPrimaryResult();
        double ms = primary.getScore();
        Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
        // One measurement iteration (a smoke run) has no confidence interval.
        String spread = Double.isNaN(primary.getScoreError()) ? "one iteration"
                : String.format(Locale.ROOT, "± %.2f ms", primary.getScoreError());
        String detail = spread + (allocation == null ? ""
                : String.format(Locale.ROOT, "; allocates %.1f MB per operation", allocation.getScore() / 1e6));
        Figure figure = switch (method(params)) {
            case "registryResync" -> Figure.of("registry resync + snapshot, " + size, ms, "ms");
            case "fullRender" -> Figure.of(params.getParam("renderer") + ": full render, " + size, ms, "ms");
            case "oneChange" -> Figure.of(params.getParam("renderer") + ": one change, " + size, ms, "ms");
            default -> throw new IllegalStateException("unexpected benchmark " + params.getBenchmark());
        };
        figure = figure.detail(detail);
        if (backends == TARGET_BACKENDS && method(params).equals("fullRender")) {
            figure = figure.against("≤ " + (int) FULL_RENDER_TARGET_MS + " ms", ms <= FULL_RENDER_TARGET_MS);
        } else if (backends == TARGET_BACKENDS && method(params).equals("oneChange")) {
            figure = figure.against("≤ " + (int) ONE_CHANGE_TARGET_MS + " ms", ms <= ONE_CHANGE_TARGET_MS);
        }
        return figure;
    }
}
