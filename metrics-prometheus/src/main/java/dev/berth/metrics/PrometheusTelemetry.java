package dev.berth.metrics;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.telemetry.Telemetry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The core's {@link Telemetry} as Prometheus metrics (docs/metrics.md lists them) and as {@link Health}.
 * The metrics are registered in the registry it is given, so that tests can read one of their own.
 */
public final class PrometheusTelemetry implements Telemetry {

    private final PrometheusRegistry registry;
    private final Health health = new Health();
    private final AtomicBoolean followedBefore = new AtomicBoolean();
    /** When the earliest event of the current pass arrived; written and read on the pass's thread. */
    private OptionalLong passOrigin = OptionalLong.empty();

    private final Counter events;
    private final Counter reconnects;
    private final Counter passes;
    private final Counter passFailures;
    private final Counter writes;
    private final Counter checks;
    private final Counter checksRejected;
    private final Counter reloadsSent;
    private final Counter reloadsConfirmed;
    private final Counter reloadsFailed;
    private final Counter runtimeUpdates;
    private final Histogram eventToServing;
    private final Gauge selected;
    private final Gauge served;
    private final Gauge leftOut;
    private final Gauge lastInEffect;

    public PrometheusTelemetry(PrometheusRegistry registry) {
        this.registry = registry;
        events = Counter.builder().name("berth_docker_events_total")
                .help("Docker events received, by Docker's event type and action")
                .labelNames("type", "action").register(registry);
        reconnects = Counter.builder().name("berth_docker_reconnects_total")
                .help("times Berth followed Docker's events again after it had lost them").register(registry);
        passes = Counter.builder().name("berth_passes_total")
                .help("passes: a batch of changes read from Docker and put into effect").register(registry);
        passFailures = Counter.builder().name("berth_pass_failures_total")
                .help("passes that could not read from Docker (a full resync follows)").register(registry);
        writes = Counter.builder().name("berth_config_writes_total")
                .help("new configurations written to the output file").register(registry);
        checks = Counter.builder().name("berth_config_checks_total")
                .help("configurations checked by the proxy before a reload").register(registry);
        checksRejected = Counter.builder().name("berth_config_checks_rejected_total")
                .help("configurations the proxy's check rejected").register(registry);
        reloadsSent = Counter.builder().name("berth_reloads_sent_total")
                .help("reloads Berth asked for (each signals every proxy)").register(registry);
        reloadsConfirmed = Counter.builder().name("berth_reloads_confirmed_total")
                .help("reloads a proxy confirmed, by proxy").labelNames("proxy").register(registry);
        reloadsFailed = Counter.builder().name("berth_reloads_failed_total")
                .help("reloads that failed or could not be confirmed, by proxy").labelNames("proxy").register(registry);
        runtimeUpdates = Counter.builder().name("berth_runtime_updates_total")
                .help("changes a proxy took while running, without a reload (HAProxy's Runtime API), confirmed, by proxy")
                .labelNames("proxy").register(registry);
        eventToServing = Histogram.builder().name("berth_event_to_serving_seconds")
                .help("from the arrival of the first Docker event of a pass to every proxy's confirmed reload")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        selected = Gauge.builder().name("berth_containers_selected")
                .help("containers the selection matches, in the configuration in effect").register(registry);
        served = Gauge.builder().name("berth_containers_served")
                .help("containers that serve in the configuration in effect").register(registry);
        leftOut = Gauge.builder().name("berth_containers_left_out")
                .help("selected containers left out of the configuration in effect, by kind of reason")
                .labelNames("kind").register(registry);
        lastInEffect = Gauge.builder().name("berth_last_config_in_effect_timestamp_seconds")
                .help("when the last configuration was put into effect, in seconds since the epoch")
                .unit(Unit.SECONDS).register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    public Health health() {
        return health;
    }

    @Override
    public void eventReceived(String type, String action) {
        events.labelValues(type, action).inc();
    }

    @Override
    public void dockerFollowed() {
        if (followedBefore.getAndSet(true)) {
            reconnects.inc();
        }
        health.dockerAnswers();
    }

    @Override
    public void dockerLost(String why) {
        health.dockerLost(why);
    }

    @Override
    public void passStarted(OptionalLong firstEvent) {
        passOrigin = firstEvent;
        passes.inc();
    }

    @Override
    public void passSucceeded() {
        health.passSucceeded();
    }

    @Override
    public void passFailed(String why) {
        passFailures.inc();
        health.passFailed("could not read from Docker: " + why);
    }

    @Override
    public void configWritten() {
        writes.inc();
    }

    @Override
    public void configChecked(boolean rejected) {
        checks.inc();
        if (rejected) {
            checksRejected.inc();
        }
    }

    @Override
    public void configNotApplied(String why) {
        health.notInEffect(why);
    }

    @Override
    public void groupsLeftOutByProxy(Set<String> groups) {
        health.groupsLeftOut(groups);
    }

    @Override
    public void configUnchanged(Snapshot snapshot) {
        inEffect(snapshot);
    }

    @Override
    public BiConsumer<List<ReloadResult>, Throwable> reloadSent(Snapshot snapshot) {
        OptionalLong origin = passOrigin;
        return (results, failure) -> {
            // Counted once the reloader has chosen: a change made at runtime is no reload.
            if (failure != null || results.isEmpty() || results.stream().anyMatch(r -> !r.runtime())) {
                reloadsSent.inc();
            }
            if (failure != null) {
                reloadsFailed.labelValues("unknown").inc();
                health.notInEffect("could not reload the proxy: " + failure);
                return;
            }
            for (ReloadResult result : results) {
                (result.runtime() ? runtimeUpdates : result.ok() ? reloadsConfirmed : reloadsFailed).labelValues(result.target()).inc();
            }
            List<String> failed = results.stream().filter(r -> !r.ok()).map(r -> "could not reload " + r.target() + ": " + r.detail()).toList();
            if (!failed.isEmpty()) {
                health.notInEffect(String.join("; ", failed));
                return;
            }
            if (!results.isEmpty()) { // with no proxy running, nothing was served by this change yet
                origin.ifPresent(arrived -> eventToServing.observe((System.nanoTime() - arrived) / 1e9));
            }
            inEffect(snapshot);
        };
    }

    private void inEffect(Snapshot snapshot) {
        Set<String> serving = snapshot.upstreams().stream()
                .flatMap(u -> u.backends().stream()).map(Backend::containerId).collect(Collectors.toSet());
        Set<String> all = new HashSet<>(serving);
        for (Exclusion.Kind kind : Exclusion.Kind.values()) {
            Set<String> ids = snapshot.exclusions().stream().filter(e -> e.kind() == kind)
                    .map(Exclusion::containerId).collect(Collectors.toSet());
            all.addAll(ids);
            leftOut.labelValues(kind.name().toLowerCase(Locale.ROOT)).set(ids.size());
        }
        served.set(serving.size());
        selected.set(all.size());
        lastInEffect.set(System.currentTimeMillis() / 1000.0);
        health.inEffect();
    }
}
