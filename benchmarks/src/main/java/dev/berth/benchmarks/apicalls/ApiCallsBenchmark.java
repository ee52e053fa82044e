package dev.berth.benchmarks.apicalls;

import com.github.dockerjava.api.DockerClient;
import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.Settings;
import dev.berth.benchmarks.apicalls.CountingProxy.Call;
import dev.berth.cli.e2e.Prerequisites;
import dev.berth.cli.e2e.ProxyContainer;
import dev.berth.cli.e2e.ProxyHttp;
import dev.berth.cli.e2e.ProxyKind;
import dev.berth.cli.e2e.TestImages;
import dev.berth.cli.e2e.Topology;
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
 * Docker API calls per event, counted on the socket: the real berth.jar talks to the daemon through
 * {@link CountingProxy}, with an nginx proxy container to reload, while one container is created,
 * started, stopped, started, killed and removed.
 */
public final class ApiCallsBenchmark implements Benchmark {

    private static final String PROXY_TYPE = "api-calls-nginx";
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "api-calls";
    }

    @Override
    public String title() {
        return "Docker API calls per event";
    }

    @Override
    public String method(Settings settings) {
        return ("`berth watch` (the real jar, `--reload-select` an nginx proxy container, pings and periodic resync off)"
                + " reaches the Docker daemon through a Unix socket of the benchmark that forwards every byte and"
                + " records each HTTP request line. With %d selected containers running at its start, one more"
                + " container is created, started, stopped (`docker stop`: SIGTERM, drain), started again, killed"
                + " (SIGKILL) and removed; each step's calls are counted from the step until the socket is quiet"
                + " for %d s (Berth rendered, checked and reloaded by then). Ids are shown as {id}; the API version prefix"
                + " is left out.").formatted(running(settings), QUIET.toSeconds()) + SwarmApiCalls.method();
    }

    private static int running(Settings settings) {
        return settings.pick(3, 10);
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        String backend = TestImages.backend(docker);
        ProxyKind kind = ProxyKind.NGINX;
        kind.image(docker);
        Path confDir = Files.createDirectories(settings.work().resolve("api-calls-proxy"));
        kind.prepare(confDir);
        Path config = confDir.resolve(kind.configFile());
        int running = running(settings);
        List<Figure> figures = new ArrayList<>();
        try (Topology topology = Topology.create(docker);
             CountingProxy socket = new CountingProxy(settings.work().resolve("docker-counting.sock"), daemonSocket())) {
            for (int i = 0; i < running; i++) {
                topology.startWeb();
            }
            Process berth = startBerth(settings, socket, topology, config);
            try {
                List<Call> startUp = window(socket, 0, () -> awaitServers(berth, kind, config, running));
                figures.add(Figure.of("start-up, " + running + " containers", startUp.size(), "calls").detail(grouped(startUp)));
                long inspects = startUp.stream().filter(c -> endpoint(c).equals("GET /containers/{id}/json")).count();
                figures.add(Figure.of("start-up: inspections per running container", (double) inspects / running, "calls")
                        .detail(inspects + " inspections for " + running + " containers"));
                ProxyContainer proxy = topology.startProxy(kind, confDir, PROXY_TYPE);
                awaitAnswer(proxy);
                int mark = socket.calls().size();
                String id = topology.createBackend("web", "web");
                List<Call> create = window(socket, mark, () -> { });
                figures.add(figure("create (not started)", create));
                figures.add(figure("start", step(socket, () -> docker.startContainerCmd(id).exec(),
                        () -> awaitServers(berth, kind, config, running + 1))));
                figures.add(figure("stop (docker stop: SIGTERM, drain, exit)", step(socket,
                        () -> docker.stopContainerCmd(id).withTimeout(10).exec(), () -> awaitServers(berth, kind, config, running))));
                figures.add(figure("start again", step(socket, () -> docker.startContainerCmd(id).exec(),
                        () -> awaitServers(berth, kind, config, running + 1))));
                figures.add(figure("kill (SIGKILL)", step(socket, () -> docker.killContainerCmd(id).exec(),
                        () -> awaitServers(berth, kind, config, running))));
                figures.add(figure("remove (stopped)", step(socket, () -> docker.removeContainerCmd(id).exec(), () -> { })));
            } finally {
                berth.destroy();
                if (!berth.waitFor(15, TimeUnit.SECONDS)) {
                    berth.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        figures.addAll(SwarmApiCalls.run(settings, backend));
        return figures;
    }

    private static Path daemonSocket() {
        String host = System.getenv("DOCKER_HOST");
        return host != null && host.startsWith("unix://") ? Path.of(host.substring("unix://".length()))
                : Path.of("/var/run/docker.sock");
    }

    private static Process startBerth(Settings settings, CountingProxy socket, Topology topology, Path config)
            throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", settings.berthJar().toString(), "watch",
                "--select", Topology.TYPE_LABEL + "=web", "--select", topology.runFilter(),
                "--network", topology.network(), "--port", String.valueOf(TestImages.BACKEND_PORT),
                "--output", config.toString(),
                "--reload-select", Topology.TYPE_LABEL + "=" + PROXY_TYPE, "--reload-select", topology.runFilter(),
                "--ping-interval", "0", "--resync-interval", "0");
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.work().toFile()).redirectErrorStream(true)
                .redirectOutput(settings.work().resolve("api-calls-berth.log").toFile());
        builder.environment().put("DOCKER_HOST", socket.dockerHost());
        return builder.start();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static List<Call> step(CountingProxy socket, Step action, Step converged) throws Exception {
        int mark = socket.calls().size();
        action.run();
        return window(socket, mark, converged);
    }

    /** The calls since {@code mark}, once {@code converged} returned and the socket has been quiet a while. */
    private static List<Call> window(CountingProxy socket, int mark, Step converged) throws Exception {
        converged.run();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            List<Call> calls = socket.calls();
            long last = calls.isEmpty() ? 0 : calls.get(calls.size() - 1).nanos();
            if (System.nanoTime() - last >= QUIET.toNanos() || System.nanoTime() > deadline) {
                return calls.subList(mark, calls.size());
            }
            Thread.sleep(100);
        }
    }

    private static void awaitServers(Process berth, ProxyKind kind, Path config, int count) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!(Files.exists(config) && kind.servers(config, "web").size() == count)) {
            if (!berth.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("berth watch did not write " + count + " servers within " + LIMIT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitAnswer(ProxyContainer proxy) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (ProxyHttp.get(proxy.port()).failure() != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the nginx container does not answer on port " + proxy.port());
            }
            Thread.sleep(100);
        }
    }

    private static Figure figure(String event, List<Call> calls) {
        return Figure.of(event, calls.size(), "calls").detail(grouped(calls));
    }

    /** "2 GET /containers/{id}/json, 1 POST /containers/{id}/kill?signal=HUP …", in order of first use. */
    static String grouped(List<Call> calls) {
        Map<String, Long> counts = calls.stream().collect(Collectors.groupingBy(ApiCallsBenchmark::endpoint,
                LinkedHashMap::new, Collectors.counting()));
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /** The method and path with ids as {id} and no API version; a listing says whose (selected or proxies). */
    static String endpoint(Call call) {
        String target = call.target().replaceFirst("^/v[0-9.]+/", "/");
        int query = target.indexOf('?');
        String path = (query < 0 ? target : target.substring(0, query)).replaceAll("[0-9a-f]{12,64}", "{id}");
        String parameters = query < 0 ? "" : URLDecoder.decode(target.substring(query + 1), StandardCharsets.UTF_8);
        if (path.equals("/containers/json")) {
            path += parameters.contains(PROXY_TYPE) ? " (the proxies)" : " (the selected)";
        } else if (path.endsWith("/kill") && parameters.contains("signal=")) {
            path += "?" + parameters.substring(parameters.indexOf("signal=")).split("&")[0];
        }
        return call.method() + " " + path;
    }
}
