package dev.berth.benchmarks.scale;

import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Snapshot;
import dev.berth.core.registry.Registry;
import dev.berth.core.spi.Renderer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The JMH benchmarks behind {@link ScaleBenchmark}: the registry, the render, and one change, on a {@link Fleet}. */
public class ScaleJmh {

    /** A full resync (as after a (re)connect): every container applied to the registry, then its snapshot. */
    @Benchmark
    public Snapshot registryResync(Resync state) {
        state.registry.replaceAll(state.containers);
        return state.registry.snapshot();
    }

    /** The whole configuration file rendered from a snapshot that shares no group with the last one. */
    @Benchmark
    public String fullRender(Rendering state) {
        return state.rendering.render(state.next());
    }

    /** One container stops or starts: what Berth does in-process for it, up to the bytes it would compare with the file. */
    @Benchmark
    public boolean oneChange(Changing state) {
        return state.change();
    }

    @State(Scope.Benchmark)
    public static class Resync {
        @Param({"1000", "10000"})
        int backends;
        @Param({"100", "1000"})
        int groups;
        List<ContainerState> containers;
        Registry registry;

        @Setup
        public void setUp() {
            Fleet fleet = new Fleet(backends, groups);
            containers = fleet.containers();
            registry = fleet.registry();
        }
    }

    @State(Scope.Benchmark)
    public static class Rendering {
        @Param({"nginx", "haproxy"})
        String renderer;
        @Param({"1000", "10000"})
        int backends;
        @Param({"100", "1000"})
        int groups;
        Renderer rendering;
        /** Two fleets whose every backend differs (the port), taken in turns: no group's text can be reused. */
        Snapshot[] snapshots;
        int step;

        @Setup
        public void setUp() {
            rendering = Fleet.renderer(renderer);
            snapshots = new Snapshot[] {new Fleet(backends, groups, 8080).registry().snapshot(),
                new Fleet(backends, groups, 8081).registry().snapshot()};
        }

        Snapshot next() {
            return snapshots[step++ % 2];
        }
    }

    @State(Scope.Benchmark)
    public static class Changing {
        /** Containers that take turns to stop and start again, spread over the groups. */
        private static final int TOGGLED = 64;

        @Param({"nginx", "haproxy"})
        String renderer;
        @Param({"10000"})
        int backends;
        @Param({"100", "1000"})
        int groups;
        Renderer rendering;
        Registry registry;
        ContainerState[] running;
        ContainerState[] stopped;
        byte[] previous;
        int step;

        @Setup
        public void setUp() {
            Fleet fleet = new Fleet(backends, groups);
            rendering = Fleet.renderer(renderer);
            registry = fleet.registry();
            running = new ContainerState[TOGGLED];
            stopped = new ContainerState[TOGGLED];
            for (int k = 0; k < TOGGLED; k++) {
                int i = k * (backends / TOGGLED);
                running[k] = fleet.container(i, "running");
                stopped[k] = fleet.container(i, "exited");
            }
            previous = rendering.render(registry.snapshot()).getBytes(StandardCharsets.UTF_8);
        }

        /** As Watcher and SyncPipeline: apply the state, take the snapshot, render, compare with the last bytes. */
        boolean change() {
            int k = step / 2 % TOGGLED;
            ContainerState next = step % 2 == 0 ? stopped[k] : running[k];
            step++;
            if (!registry.put(next)) {
                throw new IllegalStateException("container " + next.name() + " → " + next.status() + " changed nothing");
            }
            byte[] bytes = rendering.render(registry.snapshot()).getBytes(StandardCharsets.UTF_8);
            boolean changed = !Arrays.equals(bytes, previous);
            previous = bytes;
            return changed;
        }
    }
}
