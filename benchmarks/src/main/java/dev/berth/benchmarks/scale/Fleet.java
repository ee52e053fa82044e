package dev.berth.benchmarks.scale;

import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.NetworkEndpoint;
import dev.berth.core.plugin.PluginCatalog;
import dev.berth.core.plugin.PluginLoader;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.template.TemplateEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A made-up deployment of {@code backends} running containers spread evenly over {@code groups}
 * upstreams, as Docker's inspect would describe them: selected by {@code com.example.type=web},
 * grouped by {@code berth.upstream}, each on one network with its own address and exposing {@code port}.
 */
public record Fleet(int backends, int groups, int port) {

    public static final Selection SELECTION = new Selection(List.of(LabelFilter.parse("com.example.type=web")),
            new LabelSchema(LabelSchema.DEFAULT_PREFIX), Optional.empty(), OptionalInt.empty(), new TreeSet<>());

    public Fleet {
        if (backends < 0 || groups < 1) {
            throw new IllegalArgumentException("a fleet needs at least one group and no negative count of backends");
        }
    }

    /** Every container exposing port 8080. */
    public Fleet(int backends, int groups) {
        this(backends, groups, 8080);
    }

    public List<ContainerState> containers() {
        List<ContainerState> containers = new ArrayList<>(backends);
        for (int i = 0; i < backends; i++) {
            containers.add(container(i, "running"));
        }
        return containers;
    }

    /** Container {@code i} in Docker's status {@code status} ("running", "exited" …). */
    public ContainerState container(int i, String status) {
        String group = String.format("g%04d", i % groups);
        return ContainerState.of(String.format("%064x", 0xBE27L * 1_000_003L + i), String.format("web-%05d", i), status,
                Map.of("com.example.type", "web", "berth.upstream", group,
                        "com.docker.compose.project", "bench", "com.docker.compose.service", group),
                List.of(new NetworkEndpoint("bench_nw", address(i), "")),
                Set.of(port), Health.NONE);
    }

    /** 10.0.0.2 onwards: one address per container, past the network's own and its gateway's. */
    private static String address(int i) {
        int n = i + 2;
        return "10.%d.%d.%d".formatted(n >> 16 & 255, n >> 8 & 255, n & 255);
    }

    /** A registry holding every container of the fleet, as after Berth's first listing. */
    public Registry registry() {
        Registry registry = new Registry(SELECTION);
        registry.replaceAll(containers());
        return registry;
    }

    /**
     * The renderer called {@code name}, obtained as Berth obtains it: its plugin found with
     * ServiceLoader, its factory created with the built-in template.
     */
    public static Renderer renderer(String name) {
        RendererFactory factory = PluginCatalog.of(new PluginLoader(Fleet.class.getClassLoader()).load()).renderers().get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no renderer named " + name + " on the class path");
        }
        return factory.create(new RendererContext(new TemplateEngine(), Optional.empty(), PluginOptions.NONE));
    }
}
