package dev.berth.benchmarks;

import dev.berth.benchmarks.apicalls.ApiCallsBenchmark;
import dev.berth.benchmarks.e2e.Bursts;
import dev.berth.benchmarks.e2e.HaproxyWorkers;
import dev.berth.benchmarks.e2e.OldWorkers;
import dev.berth.benchmarks.e2e.ReloadLatency;
import dev.berth.benchmarks.footprint.FootprintBenchmark;
import dev.berth.benchmarks.scale.ScaleBenchmark;
import dev.berth.benchmarks.startup.StartupBenchmark;
import dev.berth.benchmarks.swarm.SwarmConvergence;
import java.util.List;

/** Every benchmark, in the order the report shows them. */
final class Benchmarks {

    private Benchmarks() {}

    static List<Benchmark> all() {
        return List.of(new ReloadLatency(), new Bursts(), new OldWorkers(), new HaproxyWorkers(), new ScaleBenchmark(), new FootprintBenchmark(),
                new StartupBenchmark(), new ApiCallsBenchmark(), new SwarmConvergence());
    }
}
