package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.e2e.HaproxyBackends;
import dev.berth.cli.e2e.NginxUpstreams;
import dev.berth.cli.e2e.UserTemplates;
import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.NetworkEndpoint;
import dev.berth.core.model.Route;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.sync.ConfigFile;
import dev.berth.core.sync.SyncPipeline;
import dev.berth.core.template.TemplateEngine;
import dev.berth.core.testing.HostileValues;
import dev.berth.core.testing.ProxyBinary;
import dev.berth.haproxy.HaproxyRendererFactory;
import dev.berth.nginx.NginxRendererFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random fleets (label mixes of backup, weight, port, group names differing only in case, host names
 * and paths that several groups ask for, hostile values) go through the real registry and pipeline, rendered by both built-in renderers and by a
 * user's nginx template that nginx rejects for some groups, each checked by the real `nginx -t` /
 * `haproxy -c` on the host: the file Berth puts into effect is always accepted. The built-in
 * templates never need a group left out; the user's template loses only the groups nginx rejects.
 * Seeded and reproducible: -Dberth.fleets.seed / -Dberth.fleets.count.
 */
final class TestFleetsTheProxiesAccept {

    private static final ProxyBinary NGINX = new ProxyBinary(Path.of("/usr/sbin/nginx"));
    private static final ProxyBinary HAPROXY = new ProxyBinary(Path.of("/usr/sbin/haproxy"));
    private static final LabelSchema LABELS = new LabelSchema(LabelSchema.DEFAULT_PREFIX);
    private static final String NETWORK = "fleet_nw";
    private static final List<String> GROUPS = List.of("web", "Web", "WEB", "api", "Api", "spare", "db.v2");
    private static final List<String> PORTS = List.of("80", "8080", " 443 ", "0", "70000", "http");
    private static final List<String> WEIGHTS = List.of("1", "5", "256", "0", "300", "heavy");
    private static final List<String> BACKUPS = List.of("true", "false", "TRUE", "yes");
    /** Host names that several groups ask for, wildcards, a name too long for nginx's default hash bucket, and bad ones. */
    private static final List<String> HOSTS = List.of("app.example.com", "App.Example.COM", "*.example.com", "a.example.com,b.example.com",
            "shop.example", ("x".repeat(63) + ".").repeat(3) + "example.com", "localhost", "bad host", "a.com;", "*.", "a..b", "");
    private static final List<String> PATHS = List.of("/", "/api", "/api/", "/.well-known/", "api", "/a b", "/a/../b", "/$uri");
    private static final Pattern ERROR = Pattern.compile("(?i).*\\[(emerg|alert)].*");

    @TempDir
    Path dir;

    /** One proxy: Berth's pipeline into a file, checked by the real binary where the file is. */
    private record Proxy(String name, SyncPipeline pipeline, Path file, HostCheck check,
            BiFunction<String, String, List<String>> servers) {
    }

    /** The real binary's check of the file, as a reloader's check; reloads are counted only. */
    private static final class HostCheck implements Reloader {
        private final ProxyBinary binary;
        private final List<String> arguments;
        private final Path workDir;
        int reloads;

        HostCheck(ProxyBinary binary, List<String> arguments, Path workDir) {
            this.binary = binary;
            this.arguments = arguments;
            this.workDir = workDir;
        }

        ProxyBinary.Result run() {
            try {
                return binary.run(arguments, workDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<CheckResult> check(ConfigCheck check) {
            ProxyBinary.Result result = run();
            if (result.exitCode() == 0) {
                return List.of(CheckResult.passed("host"));
            }
            String line = result.output().lines().filter(l -> ERROR.matcher(l).matches()).findFirst().orElse(result.output());
            return List.of(CheckResult.rejected("host", line.strip()));
        }

        @Override
        public CompletionStage<List<ReloadResult>> reload() {
            reloads++;
            return CompletableFuture.completedFuture(List.of(ReloadResult.ok("host", "counted")));
        }

        @Override
        public String describeTargets() {
            return "the host's binary";
        }
    }

    @Test
    void theFileBerthPutsIntoEffectIsAlwaysAccepted() throws IOException {
        NGINX.require();
        HAPROXY.require();
        long seed = Long.getLong("berth.fleets.seed", System.nanoTime() % 1_000_000);
        int count = Integer.getInteger("berth.fleets.count", 4);
        System.out.printf("fleets: seed %d, count %d (-Dberth.fleets.seed=%d -Dberth.fleets.count=%d to repeat)%n", seed, count, seed, count);
        Random random = new Random(seed);
        List<String> hostile = new HostileValues(seed, 200).values();
        long start = System.nanoTime();
        int snapshots = 0;
        int leftOut = 0;
        int routes = 0;
        for (int fleet = 0; fleet < count; fleet++) {
            Path fleetDir = Files.createDirectories(dir.resolve("fleet" + fleet));
            Proxy nginx = nginx(fleetDir.resolve("nginx"), Optional.empty());
            Proxy haproxy = haproxy(fleetDir.resolve("haproxy"));
            Proxy userNginx = nginx(fleetDir.resolve("user"), Optional.of(Files.writeString(fleetDir.resolve("ip_hash.j2"), UserTemplates.IP_HASH)));
            Registry registry = new Registry(new Selection(List.of(LabelFilter.parse("com.example.type=web")), LABELS,
                    Optional.empty(), OptionalInt.empty(), new TreeSet<>()));
            Map<String, ContainerState> running = new LinkedHashMap<>();
            for (int round = 0; round < 3; round++) {
                change(random, hostile, running, registry, fleet);
                Snapshot wanted = registry.snapshot();
                routes += wanted.upstreams().stream().mapToInt(u -> u.routes().size()).sum();
                String seen = "seed " + seed + ", fleet " + fleet + ", round " + round;
                for (Proxy proxy : List.of(nginx, haproxy)) {
                    proxy.pipeline().apply(wanted);
                    assertAccepted(proxy, seen);
                    for (Upstream upstream : wanted.upstreams()) {
                        assertThat(proxy.servers().apply(Files.readString(proxy.file()), upstream.name()))
                                .as("%s: %s serves group %s in full (%s)", proxy.name(), seen, upstream.name(), wanted)
                                .containsExactlyInAnyOrderElementsOf(endpointsOrPlaceholder(upstream, proxy));
                        assertRouted(proxy, Files.readString(proxy.file()), upstream, seen);
                    }
                }
                userNginx.pipeline().apply(wanted);
                if (Files.exists(userNginx.file())) {
                    assertAccepted(userNginx, seen);
                    String text = Files.readString(userNginx.file());
                    assertThat(text).as("%s: no backup under ip_hash", seen).doesNotContain(" backup;");
                    for (Upstream upstream : wanted.upstreams()) {
                        if (upstream.backends().stream().noneMatch(Backend::backup)) {
                            assertThat(NginxUpstreams.servers(text, upstream.name())).as("%s: group %s without backups", seen, upstream.name())
                                    .containsExactlyInAnyOrderElementsOf(endpointsOrPlaceholder(upstream, userNginx));
                        } else {
                            leftOut++;
                        }
                    }
                }
                snapshots++;
            }
        }
        System.out.printf("fleets: %d snapshots, each through three pipelines checked by the real nginx -t and haproxy -c; "
                + "%d groups left out of the ip_hash template; %d routes checked; %d ms%n", snapshots, leftOut, routes,
                (System.nanoTime() - start) / 1_000_000);
        assertThat(leftOut).as("the ip_hash template met groups with backups to leave out").isPositive();
        assertThat(routes).as("the fleets had groups with routes").isPositive();
    }

    /** What the pipeline wrote, checked again by the real binary, apart from the pipeline's own check. */
    private static void assertAccepted(Proxy proxy, String seen) throws IOException {
        assertThat(proxy.file()).as("%s: %s wrote a file", proxy.name(), seen).exists();
        ProxyBinary.Result result = proxy.check().run();
        assertThat(result.exitCode()).as("%s: %s: the real check of%n%s%n%s", proxy.name(), seen, Files.readString(proxy.file()), result.output())
                .isZero();
    }

    /** Every route of the group reaches it: a server block and location (nginx --routes), a use_backend rule (HAProxy). */
    private static void assertRouted(Proxy proxy, String text, Upstream upstream, String seen) {
        for (Route route : upstream.routes()) {
            if (proxy.name().equals("haproxy")) {
                assertThat(text).as("%s: %s routes %s to %s", proxy.name(), seen, route, upstream.name())
                        .containsPattern("(?m)^    acl berth_host\\d+ var\\(txn.berth_host\\) -m (str|end) " + Pattern.quote(route.suffix()) + "$")
                        .contains("    use_backend " + upstream.name() + " if berth_host");
            } else {
                assertThat(text).as("%s: %s routes %s to %s", proxy.name(), seen, route, upstream.name())
                        .contains("    server_name " + route.host() + ";\n")
                        .contains("    location " + route.path() + " {\n        proxy_pass http://" + upstream.name() + ";\n");
            }
        }
    }

    private static List<String> endpointsOrPlaceholder(Upstream upstream, Proxy proxy) {
        if (upstream.backends().isEmpty() && !proxy.name().equals("haproxy")) {
            return List.of("127.0.0.1:1");
        }
        return upstream.backends().stream().map(Backend::endpoint).toList();
    }

    /** A round: some containers go, some come, some get new labels; the registry takes each change. */
    private static void change(Random random, List<String> hostile, Map<String, ContainerState> running, Registry registry, int fleet) {
        for (String id : List.copyOf(running.keySet())) {
            if (random.nextInt(4) == 0) {
                running.remove(id);
                registry.remove(id);
            } else if (random.nextInt(4) == 0) {
                ContainerState before = running.get(id);
                put(running, registry, container(random, hostile, id, before.name(), before.networks()));
            }
        }
        if (running.isEmpty()) {
            // Every fleet starts with a group of one backup, the case that made nginx reject every change.
            put(running, registry, ContainerState.of(String.format("%064x", (long) fleet << 40 | 0xfffff), "spare-" + fleet, "running",
                    Map.of("com.example.type", "web", LABELS.upstream(), "spare", LABELS.backup(), "true"),
                    List.of(new NetworkEndpoint(NETWORK, "10." + (fleet & 255) + ".255.254", "")), Set.of(80), Health.NONE));
        }
        int arrivals = 1 + random.nextInt(12);
        for (int i = 0; i < arrivals; i++) {
            int n = running.size() + random.nextInt(1_000_000);
            String id = String.format("%064x", (long) fleet << 40 | n);
            String address = "10." + (fleet & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
            put(running, registry, container(random, hostile, id, "c-" + fleet + "-" + n,
                    List.of(new NetworkEndpoint(NETWORK, address, ""))));
        }
    }

    private static void put(Map<String, ContainerState> running, Registry registry, ContainerState container) {
        running.put(container.id(), container);
        registry.put(container);
    }

    private static ContainerState container(Random random, List<String> hostile, String id, String name, List<NetworkEndpoint> networks) {
        Map<String, String> labels = new HashMap<>(Map.of("com.example.type", "web"));
        labels.put(LABELS.upstream(), pick(random, GROUPS));
        if (random.nextInt(3) > 0) {
            labels.put(LABELS.port(), pick(random, PORTS));
        }
        if (random.nextInt(3) == 0) {
            labels.put(LABELS.weight(), pick(random, WEIGHTS));
        }
        if (random.nextInt(3) == 0) {
            labels.put(LABELS.backup(), pick(random, BACKUPS));
        }
        if (random.nextInt(2) == 0) {
            labels.put(LABELS.host(), pick(random, HOSTS));
            if (random.nextInt(2) == 0) {
                labels.put(LABELS.path(), pick(random, PATHS));
            }
        }
        if (random.nextInt(8) == 0) {
            String label = pick(random, List.of(LABELS.upstream(), LABELS.port(), LABELS.weight(), LABELS.backup(), "com.example.note",
                    LABELS.host(), LABELS.path()));
            labels.put(label, pick(random, hostile));
        }
        return ContainerState.of(id, name, "running", labels, networks, Set.of(80), Health.NONE);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Proxy nginx(Path scratch, Optional<Path> template) throws IOException {
        Path confD = Files.createDirectories(scratch.resolve("conf.d"));
        Path file = confD.resolve("berth.conf");
        Path main = Files.writeString(scratch.resolve("nginx.conf"), "pid nginx.pid;\nevents {}\nhttp { include " + confD + "/*.conf; }\n");
        HostCheck check = new HostCheck(NGINX, List.of("-t", "-q", "-p", scratch + "/", "-e", scratch.resolve("error.log").toString(),
                "-c", main.toString()), scratch);
        // The built-in template with --routes, so that host and path labels reach nginx -t too.
        PluginOptions options = template.isPresent() ? PluginOptions.NONE : new PluginOptions(Map.of("--routes", List.of("true")));
        return new Proxy(template.isPresent() ? "nginx with a user's template" : "nginx",
                pipeline(new NginxRendererFactory(), template, options, file, check), file, check, NginxUpstreams::servers);
    }

    private static Proxy haproxy(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path file = scratch.resolve("haproxy.cfg");
        HostCheck check = new HostCheck(HAPROXY, List.of("-c", "-f", file.toString()), scratch);
        return new Proxy("haproxy", pipeline(new HaproxyRendererFactory(), Optional.empty(), PluginOptions.NONE, file, check), file, check, HaproxyBackends::servers);
    }

    private static SyncPipeline pipeline(RendererFactory factory, Optional<Path> template, PluginOptions options, Path file,
            HostCheck check) {
        Renderer renderer = factory.create(new RendererContext(new TemplateEngine(), template, options));
        return new SyncPipeline(renderer, new ConfigFile(file), check, factory.checkCommand());
    }
}
