package dev.berth.benchmarks.apicalls;

import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.Settings;
import dev.berth.benchmarks.apicalls.CountingProxy.Call;
import dev.berth.cli.e2e.NginxUpstreams;
import dev.berth.cli.e2e.SwarmCluster;
import dev.berth.cli.e2e.TestImages;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Swarm part of the api-calls benchmark: `berth watch --swarm` against a one-node swarm of its
 * own, through {@link CountingProxy}. A manager has no task events, so Berth polls: what matters is
 * that the calls while nothing changes stay bounded, and what a `docker service scale` costs.
 */
final class SwarmApiCalls {

    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final Duration AFTER_SCALE = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private SwarmApiCalls() {
    }

    static String method() {
        return " Swarm: `berth watch --swarm` against a one-node swarm of its own (the end-to-end tests'"
                + " SwarmCluster with a manager alone) through the same counting socket, pings off, one service of 3 replicas: the calls of"
                + " the start-up, per second over " + IDLE.toSeconds() + " s while nothing changes (the full poll), and"
                + " in the " + AFTER_SCALE.toSeconds() + " s after `docker service scale` 3 -> 6 (the service's fast"
                + " reads until it converged, and the full polls meanwhile).";
    }

    /** @param image the backend's tag on the system daemon, loaded into the swarm */
    static List<Figure> run(Settings settings, String image) throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (SwarmCluster swarm = SwarmCluster.startOneNode(image);
             CountingProxy socket = new CountingProxy(settings.work().resolve("swarm-counting.sock"),
                     Path.of(swarm.manager().host().substring("unix://".length())))) {
            swarm.manager().docker("network", "create", "--driver", "overlay", "webnet");
            swarm.manager().docker("service", "create", "--detach", "--no-resolve-image", "--name", "web", "--label", "bench=web",
                    "--label", "berth.port=" + TestImages.BACKEND_PORT, "--network", "webnet", "--replicas", "3", image);
            Path config = settings.work().resolve("swarm-api-calls.conf");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    settings.berthJar().toString(), "watch", "--swarm", "--select", "bench=web", "--network", "webnet",
                    "--output", config.toString(), "--ping-interval", "0")
                    .directory(settings.work().toFile()).redirectErrorStream(true)
                    .redirectOutput(settings.work().resolve("swarm-api-calls-berth.log").toFile());
            builder.environment().put("DOCKER_HOST", socket.dockerHost());
            Process berth = builder.start();
            try {
                awaitServers(berth, config, 3);
                int startUp = socket.calls().size();
                figures.add(Figure.of("Swarm: start-up, 1 service of 3 tasks", startUp, "calls")
                        .detail(grouped(socket.calls())));
                int mark = socket.calls().size();
                Thread.sleep(IDLE.toMillis());
                List<Call> idle = socket.calls().subList(mark, socket.calls().size());
                figures.add(Figure.of("Swarm: while nothing changes", (double) idle.size() / IDLE.toSeconds(), "calls/s")
                        .detail(grouped(idle) + " in " + IDLE.toSeconds() + " s"));
                mark = socket.calls().size();
                long scaled = System.nanoTime();
                swarm.manager().docker("service", "scale", "--detach", "web=6");
                awaitServers(berth, config, 6);
                Thread.sleep(Math.max(0, AFTER_SCALE.toMillis() - (System.nanoTime() - scaled) / 1_000_000));
                List<Call> scale = socket.calls().subList(mark, socket.calls().size());
                figures.add(Figure.of("Swarm: service scale 3 -> 6, " + AFTER_SCALE.toSeconds() + " s", scale.size(), "calls")
                        .detail(grouped(scale)));
            } finally {
                berth.destroy();
                if (!berth.waitFor(15, TimeUnit.SECONDS)) {
                    berth.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        return figures;
    }

    private static void awaitServers(Process berth, Path config, int count) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!(Files.exists(config) && NginxUpstreams.servers(config, "web").size() == count)) {
            if (!berth.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("berth watch --swarm did not write " + count + " servers within "
                        + LIMIT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** "2 GET /services, 1 GET /tasks (one service) …", in order of first use; Swarm's ids as {id}. */
    private static String grouped(List<Call> calls) {
        Map<String, Long> counts = calls.stream().collect(Collectors.groupingBy(SwarmApiCalls::endpoint,
                LinkedHashMap::new, Collectors.counting()));
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String endpoint(Call call) {
        String target = call.target().replaceFirst("^/v[0-9.]+/", "/");
        int query = target.indexOf('?');
        String path = (query < 0 ? target : target.substring(0, query)).replaceAll("/[0-9a-z]{25}(/|$)", "/{id}$1");
        String parameters = query < 0 ? "" : URLDecoder.decode(target.substring(query + 1), StandardCharsets.UTF_8);
        if (path.equals("/tasks")) {
            path += parameters.contains("\"service\"") ? " (one service)" : " (every task meant to run)";
        } else if (path.equals("/events")) {
            path += parameters.contains("\"container\"") ? " (task containers)" : " (service, node, network)";
        }
        return call.method() + " " + path;
    }
}
