package dev.berth.cli;

import dev.berth.core.BerthSettings;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Selection;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.UsageException;
import dev.berth.core.swarm.SwarmMode;
import dev.berth.core.swarm.SwarmSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/** The options `watch` and `render` share: which containers, how to read them, how to render. */
final class SelectionOptions {

    @Option(names = "--select", paramLabel = "KEY[=VALUE]", required = true,
            split = EnvironmentDefaults.LIST_SPLIT, hideParamSyntax = true,
            description = "serve the containers with this label (repeatable, ANDed), e.g. com.example.type=web")
    List<String> select = new ArrayList<>();

    @Option(names = "--network", paramLabel = "NETWORK",
            description = "the network whose address to use, unless a container's <prefix>network label names another; "
                    + "optional when a container is on one network; with --swarm, the overlay network by name or id (ingress is never used)")
    String network;

    @Option(names = "--port", paramLabel = "PORT",
            description = "the port the containers serve on, unless their <prefix>port label says otherwise; "
                    + "optional when a container exposes exactly one TCP port")
    Integer port;

    @Option(names = "--upstream", paramLabel = "NAME", split = EnvironmentDefaults.LIST_SPLIT, hideParamSyntax = true,
            description = "an upstream to render even while no container serves it (repeatable); "
                    + "keeps the proxy's configuration valid when its last container stops")
    List<String> upstreams = new ArrayList<>();

    @Option(names = "--label-prefix", paramLabel = "PREFIX", defaultValue = LabelSchema.DEFAULT_PREFIX,
            description = "prefix of the per-container labels (default: ${DEFAULT-VALUE})")
    String labelPrefix;

    @Option(names = "--renderer", paramLabel = "NAME", defaultValue = BerthSettings.DEFAULT_RENDERER,
            description = "the proxy configuration to render (default: ${DEFAULT-VALUE}; see `berth plugins`)")
    String renderer;

    @Option(names = "--template", paramLabel = "FILE",
            description = "a Jinja template that replaces the renderer's built-in one")
    Path template;

    @Option(names = "--swarm", paramLabel = "MODE", arity = "0..1", fallbackValue = "services",
            description = "serve Swarm services: the running tasks of the services whose service labels match --select "
                    + "(--swarm or --swarm=services: services only; --swarm=both: services and standalone containers); "
                    + "off by default")
    String swarm;

    @Option(names = "--swarm-manager", paramLabel = "DOCKER_HOST",
            description = "the Swarm manager to read services and tasks from (unix:///… or tcp://HOST:PORT, as DOCKER_HOST), "
                    + "while the proxy is checked and reloaded through the local engine; without it the local engine "
                    + "must be a manager")
    String swarmManager;

    @Option(names = "--verbose", description = "log debug detail, and print stack traces with errors")
    boolean verbose;

    Selection selection() {
        if (port != null && (port < 1 || port > 65_535)) {
            throw new UsageException("--port " + port + " is not a port from 1 to 65535");
        }
        return new Selection(
                select.stream().map(LabelFilter::parse).toList(),
                new LabelSchema(labelPrefix),
                Optional.ofNullable(network),
                port == null ? OptionalInt.empty() : OptionalInt.of(port),
                new TreeSet<>(upstreams));
    }

    BerthSettings settings(String reloader, Optional<Path> output, PluginOptions pluginOptions) {
        return new BerthSettings(selection(), renderer, reloader, Optional.ofNullable(template), output, pluginOptions)
                .withSwarm(new SwarmSettings(SwarmMode.parse(swarm), Optional.ofNullable(swarmManager)));
    }
}
