package dev.berth.benchmarks;

import dev.berth.benchmarks.apicalls.ApiCallsBenchmark;
import dev.berth.benchmarks.startup.StartupBenchmark;
import java.util.List;

/** Every benchmark, in the order the report shows them. */
final class Benchmarks {

    private Benchmarks() {}

    static List<Benchmark> all() {
        return List.of(new StartupBenchmark(), new ApiCallsBenchmark());
    }
}
