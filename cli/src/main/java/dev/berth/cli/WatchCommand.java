package dev.berth.cli;

import dev.berth.core.BerthSettings;
import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.sync.Watcher;
import dev.berth.core.telemetry.Telemetry;
import dev.berth.metrics.ListenAddress;
import dev.berth.metrics.MetricsServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Follow Docker's events and keep the output file in step with the selected containers, "
                + "reloading the proxy when it changes. Runs until interrupted.")
final class WatchCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    SelectionOptions selection;

    @Mixin
    DaemonCheckOptions daemonChecks;

    @Mixin
    HealthOptions health;

    @Option(names = "--no-drain",
            description = "keep a container that received SIGTERM or SIGINT (the start of `docker stop`) in the "
                    + "configuration until it exits; by default it leaves at once and finishes its requests")
    boolean noDrain;

    @Mixin
    SyncOptions sync;

    @Option(names = "--output", paramLabel = "FILE", required = true,
            description = "the configuration file to keep up to date (its folder must exist)")
    Path output;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "serve Prometheus metrics on /metrics and a health check on /healthz at this address "
                    + "(e.g. 127.0.0.1:9090; :9090 for every interface); off by default")
    String listen;

    @Option(names = "--reloader", paramLabel = "NAME", defaultValue = BerthSettings.DEFAULT_RELOADER,
            description = "how to reload the proxy (default: ${DEFAULT-VALUE}; see `berth plugins`)")
    String reloader;

    WatchCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        Optional<ListenAddress> address = Optional.ofNullable(listen).map(ListenAddress::parse);
        BerthSettings settings = selection.settings(reloader, Optional.of(output),
                PluginOptionSpecs.valuesOf(spec, launcher.options())).withServing(health.policy(!noDrain));
        DaemonChecks checks = daemonChecks.checks();
        // Before Docker is asked anything: a port in use fails at once, and a probe sees Berth starting.
        Optional<MetricsServer> metrics = address.map(MetricsServer::start);
        try {
            Telemetry telemetry = metrics.<Telemetry>map(MetricsServer::telemetry).orElse(Telemetry.NONE);
            // Only `watch` checks on the daemon: its settings join the core's here, not in BerthSettings.
            Watcher watcher = launcher.injector(settings, sync.settings(), telemetry)
                    .createChildInjector(binder -> binder.bind(DaemonChecks.class).toInstance(checks))
                    .getInstance(Watcher.class);
            return run(watcher);
        } finally {
            metrics.ifPresent(MetricsServer::close);
        }
    }

    private static int run(Watcher watcher) {
        Thread main = Thread.currentThread();
        Thread stop = new Thread(() -> {
            main.interrupt();
            try {
                main.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "berth-shutdown");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            watcher.run();
        } catch (InterruptedException e) {
            return 130;
        }
        return 0;
    }
}
