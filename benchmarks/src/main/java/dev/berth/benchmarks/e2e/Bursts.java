package dev.berth.benchmarks.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.Settings;
import dev.berth.cli.e2e.BerthAndProxy;
import dev.berth.cli.e2e.Prerequisites;
import dev.berth.cli.e2e.ProxyHttp;
import dev.berth.cli.e2e.ProxyKind;
import dev.berth.cli.e2e.TestImages;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many containers started at once, then stopped at once, while Berth (defaults) and the proxy run
 * and clients send requests: how many reloads each burst costs, how soon every new container is
 * served, and whether a request fails while they stop.
 */
public final class Bursts implements Benchmark {

    private static final int CLIENTS = 4;
    private static final int STOP_TIMEOUT_SECONDS = 10;
    /** How long a backend keeps serving after SIGTERM, as a service that finishes its work does. */
    private static final int DRAIN_SECONDS = 2;
    private static final double TARGET_SERVED_MS = 200;
    private static final int TARGET_RELOADS = 3;

    @Override
    public String name() {
        return "bursts";
    }

    @Override
    public String title() {
        return "Bursts: many containers started, then stopped, at once";
    }

    @Override
    public String method(Settings settings) {
        return "Per proxy and burst size (" + sizes(settings) + "), one running backend, Berth with its defaults and "
                + "the proxy; the burst's containers are created beforehand and started from one thread each at once. "
                + "Reloads are counted in the proxy's own log. \"All served\": " + CLIENTS + " clients send requests "
                + "through the proxy (a new connection each) until every new container has answered one; the time of "
                + "the last first answer is compared with the later of the last start call's return and the start of "
                + "the proxy's last reload (round-robin needs about one request per backend to reach them all, so the "
                + "figure includes one cycle of requests, printed as the client cycle). Then the same containers are "
                + "stopped at once (`docker stop`, SIGTERM) while the clients keep sending: reloads, failed requests. "
                + "The backends shut down gracefully: on SIGTERM they go on serving for " + DRAIN_SECONDS + " s, then "
                + "exit (Berth takes a container out when it is signalled, so the proxy stops sending it requests "
                + "before it exits). A backend that exits the moment it gets SIGTERM loses the requests the proxy "
                + "sends it until the reload, whatever writes the configuration. HAProxy: Berth's defaults with "
                + "`--server-slots` the next power of two above the burst, so that it goes in through the Runtime API "
                + "(\"last reload\" is then the last start or stop call).";
    }

    private static List<Integer> sizes(Settings settings) {
        return settings.smoke() ? List.of(10) : List.of(20, 100);
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
        List<Figure> figures = new ArrayList<>();
        for (ProxyKind kind : ProxyKind.values()) {
            kind.image(docker);
            for (int size : sizes(settings)) {
                Path work = Files.createDirectories(settings.work().resolve("bursts-" + kind.rendererName() + "-" + size));
                try (BerthAndProxy setup = new BerthAndProxy(docker, settings.berthJar(), work, kind,
                        "bench-bursts-" + kind.rendererName(), (title, content) -> { })) {
                    figures.addAll(burst(setup, size, TestImages.drainingBackend(docker, DRAIN_SECONDS)));
                }
            }
        }
        return figures;
    }

    private List<Figure> burst(BerthAndProxy setup, int size, String draining) throws Exception {
        String what = setup.kind().rendererName() + ": " + size;
        WebContainer first = setup.topology().startWeb();
        boolean runtime = setup.kind() == ProxyKind.HAPROXY;
        // HAProxy: server slots for the whole burst, so that it goes in through the Runtime API.
        setup.startBerthThenProxy(runtime ? List.of("--server-slots", String.valueOf(Integer.highestOneBit(size + 1) * 2)) : List.of(), first);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(setup.topology().createBackend("web", "web", draining));
        }
        Set<String> hostnames = ConcurrentHashMap.newKeySet();
        ids.forEach(id -> hostnames.add(id.substring(0, 12)));
        long sinceNanos = System.nanoTime();
        Instant since = Instant.now();
        Instant lastStart = since.plusNanos(setup.topology().startAllAtOnce(ids) - sinceNanos);
        Instant allServed = untilAllAnswered(setup, hostnames);
        double cycleMs = cycleMillis(setup, size + 1);
        int reloads = setup.proxy().reloadsSince(since);
        Instant lastReload = setup.proxy().lastReloadSince(since).orElse(lastStart);
        Instant later = lastReload.isAfter(lastStart) ? lastReload : lastStart;
        double servedAfter = Duration.between(later, allServed).toNanos() / 1e6;
        double servedAfterStart = Duration.between(lastStart, allServed).toNanos() / 1e6;
        List<Figure> figures = new ArrayList<>();
        Figure reloadFigure = Figure.of(what + " starts: reloads", reloads, "");
        if (runtime) {
            reloadFigure = reloadFigure.against("0 (Runtime API)", reloads == 0);
        } else if (size >= 100) {
            reloadFigure = reloadFigure.against("≤ " + TARGET_RELOADS + " reloads", reloads <= TARGET_RELOADS);
        }
        figures.add(reloadFigure);
        Figure served = Figure.of(what + " starts: all served after the later of last start and last reload", servedAfter, "ms")
                .detail(String.format(Locale.ROOT, "client cycle over %d backends: %.0f ms", size + 1, cycleMs));
        figures.add(size >= 100 ? served.against("≤ ~" + (int) TARGET_SERVED_MS + " ms", servedAfter <= TARGET_SERVED_MS) : served);
        figures.add(Figure.of(what + " starts: all served after the last start call returned", servedAfterStart, "ms"));
        if (runtime) {
            // Through the Runtime API there is no reload to wait for: the target holds for every burst size.
            double lessCycle = servedAfterStart - cycleMs;
            figures.add(Figure.of(what + " starts: all served after the last start call returned, client cycle excluded",
                    lessCycle, "ms").against("≤ " + (int) TARGET_SERVED_MS + " ms", lessCycle <= TARGET_SERVED_MS));
        }
        figures.addAll(stops(setup, ids, what));
        return figures;
    }

    /** Stops them all at once under client load: reloads, and requests that failed. */
    private List<Figure> stops(BerthAndProxy setup, List<String> ids, String what) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> load = background.submit(() -> {
                onClients(() -> {
                    while (running.get()) {
                        sent.incrementAndGet();
                        ProxyHttp.Outcome outcome = ProxyHttp.get(setup.proxy().port());
                        if (!outcome.served()) {
                            failed.incrementAndGet();
                            failures.merge(outcome.failure() != null ? outcome.failure() : "HTTP " + outcome.status(), 1, Integer::sum);
                        }
                    }
                }, 600);
                return null;
            });
            long sinceNanos = System.nanoTime();
            Instant since = Instant.now();
            Instant lastStop = since.plusNanos(setup.topology().stopAllAtOnce(ids, STOP_TIMEOUT_SECONDS) - sinceNanos);
            Instant written = setup.awaitServerCount(1);
            setup.awaitReloadSince(written);
            Thread.sleep(500);
            running.set(false);
            load.get(30, TimeUnit.SECONDS);
            int reloads = setup.proxy().reloadsSince(since);
            Instant lastReload = setup.proxy().lastReloadSince(since).orElse(lastStop);
            Figure reloadFigure = Figure.of(what + " stops: reloads", reloads, "");
            return List.of(
                    setup.kind() == ProxyKind.HAPROXY ? reloadFigure.against("0 (Runtime API)", reloads == 0) : reloadFigure,
                    Figure.of(what + " stops: failed requests", failed.get(), "")
                            .detail(sent.get() + " sent during the stops" + (failures.isEmpty() ? "" : "; " + failures))
                            .against("0", failed.get() == 0),
                    Figure.of(what + " stops: last reload after the last stop call returned",
                            Duration.between(lastStop, lastReload).toNanos() / 1e6, "ms")
                            .detail("negative: the proxy stopped routing to them before docker stop returned"));
        } finally {
            running.set(false);
            background.shutdownNow();
        }
    }

    /** Clients send requests until every one of {@code hostnames} answered; answers when the last first answered. */
    private static Instant untilAllAnswered(BerthAndProxy setup, Set<String> hostnames) throws Exception {
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(hostnames);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Instant> last = new java.util.concurrent.atomic.AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        onClients(() -> {
            while (!done.get() && System.nanoTime() < deadline) {
                String body = ProxyHttp.get(setup.proxy().port()).body();
                Instant now = Instant.now();
                if (waiting.remove(body) && waiting.isEmpty()) {
                    last.set(now);
                    done.set(true);
                }
            }
        }, 150);
        if (last.get() == null) {
            throw new IllegalStateException(waiting.size() + " containers were never served through the proxy: " + waiting);
        }
        return last.get();
    }

    /** How long the clients take to send one request per backend, once everything is settled. */
    private static double cycleMillis(BerthAndProxy setup, int backends) throws Exception {
        AtomicInteger left = new AtomicInteger(backends);
        long start = System.nanoTime();
        onClients(() -> {
            while (left.getAndDecrement() > 0) {
                ProxyHttp.get(setup.proxy().port());
            }
        }, 60);
        return (System.nanoTime() - start) / 1e6;
    }

    /** Runs {@code client} on {@link #CLIENTS} threads at once; answers when every one returned (at most {@code seconds}). */
    private static void onClients(Runnable client, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                all.add(pool.submit(client));
            }
            for (Future<?> one : all) {
                one.get(seconds, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
