package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routing by host name and path from labels, as nginx-proxy and Traefik users expect, on the real
 * official-like proxies: web (two containers) on app.test, shop on shop.test, api on app.test's path
 * /api, and a container whose berth.host tries to add a directive. Each request goes to 127.0.0.1
 * with a Host header; the backends answer with their hostname, so each answer names its container.
 */
final class RoutingIT {

    private static final int REQUESTS = 20;
    private static final String HOSTILE = "evil.test;\n    location / { return 200; }";

    private static DockerClient docker;
    private static Path jar;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private BerthAndProxy setup;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithBackendAndBothProxyImages();
        jar = Prerequisites.berthJar();
    }

    @AfterEach
    void removeEverything() {
        if (setup != null) {
            setup.close();
        }
    }

    @ParameterizedTest(name = "{displayName} with {0}")
    @EnumSource(ProxyKind.class)
    void eachHostAndPathReachesExactlyItsGroupAnUnknownHostGets503AndAHostileHostIsLeftOut(ProxyKind kind) throws Exception {
        setup = new BerthAndProxy(docker, jar, work, kind, "routing-" + kind, diagnostics::add);
        Topology topology = setup.topology();
        WebContainer web1 = start(topology, "web", Map.of("berth.host", "app.test"));
        WebContainer web2 = start(topology, "web", Map.of("berth.host", "APP.test"));
        WebContainer shop = start(topology, "shop", Map.of("berth.host", "shop.test"));
        WebContainer api = start(topology, "api", Map.of("berth.host", "app.test", "berth.path", "/api"));
        WebContainer evil = start(topology, "evil", Map.of("berth.host", HOSTILE));
        // busybox's httpd answers only for files it has: api's answers /api/ with its hostname too.
        topology.exec(api, "sh", "-c", "mkdir -p /www/api && hostname > /www/api/index.html");

        // Every container runs before Berth starts: its first file, which the proxy starts on, routes them all.
        // nginx needs --routes for server blocks; HAProxy's built-in template routes whenever groups have routes.
        setup.startBerthThenProxy(kind == ProxyKind.NGINX ? List.of("--routes") : List.of(), web1, web2);
        awaitServers(kind, "shop", shop);
        awaitServers(kind, "api", api);
        int port = setup.proxy().port();

        assertThat(ProxyHttp.get(port, "app.test", "/", REQUESTS)).as("app.test /").extracting(Outcome::body)
                .containsOnly(web1.hostname(), web2.hostname()).contains(web1.hostname(), web2.hostname());
        assertThat(ProxyHttp.get(port, "App.Test:" + port, "/", REQUESTS)).as("app.test with a port and in capitals").extracting(Outcome::body)
                .containsOnly(web1.hostname(), web2.hostname());
        assertThat(ProxyHttp.get(port, "app.test", "/api/", REQUESTS)).as("app.test /api/ (the longer prefix wins)")
                .containsOnly(new Outcome(200, api.hostname(), null));
        assertThat(ProxyHttp.get(port, "shop.test", "/", REQUESTS)).as("shop.test /").containsOnly(new Outcome(200, shop.hostname(), null));
        assertThat(ProxyHttp.get(port, "unknown.test", "/", REQUESTS)).as("a host name no group routes").extracting(Outcome::status).containsOnly(503);
        assertThat(ProxyHttp.get(port, "evil.test", "/", REQUESTS)).as("the hostile container's host name").extracting(Outcome::status).containsOnly(503);

        String config = Files.readString(setup.configFile());
        assertThat(config).as("the file holds nothing of the hostile value")
                .doesNotContain("evil").doesNotContain("return 200").doesNotContain(evil.address());
        assertThat(setup.berth().log()).as("Berth says why the hostile container is left out")
                .contains("label berth.host='evil.test;\\u000a    location / { return 200; }' is not valid");

        BerthCli.Result explained = new BerthCli(jar, work).run("render", "--explain", "--select", BerthAndProxy.WEB,
                "--select", topology.runFilter(), "--network", topology.network(), "--port", String.valueOf(TestImages.BACKEND_PORT));
        assertThat(explained.exitCode()).as("%s", explained).isZero();
        assertThat(explained.stdout()).as("the routing table of berth render --explain")
                .contains("\nroutes (host, path -> group -> servers; another host name gets 503)\n"
                        + "  app.test /api  -> api  -> " + api.address() + "\n"
                        + "  app.test /  -> web  -> ")
                .contains("  shop.test /  -> shop  -> " + shop.address() + "\n")
                .contains(web1.address()).contains(web2.address())
                .contains("  left out  " + evil.name() + " (" + evil.id().substring(0, 12) + ")  label berth.host=");
    }

    private void awaitServers(ProxyKind kind, String group, WebContainer... expected) {
        Waiting.upTo30s(kind.configFile() + " lists group " + group).untilAsserted(() -> assertThat(kind.servers(setup.configFile(), group))
                .containsExactlyInAnyOrder(Arrays.stream(expected).map(WebContainer::address).toArray(String[]::new)));
    }

    /** A selected backend ("web" type, as the blog's) in group {@code group}, with more labels. */
    private static WebContainer start(Topology topology, String group, Map<String, String> labels) {
        Map<String, String> more = new HashMap<>(labels);
        more.put("berth.upstream", group);
        return topology.startWeb(TestImages.backend(docker), (CreateContainerCmd cmd) -> {
            Map<String, String> all = new HashMap<>(cmd.getLabels());
            all.putAll(more);
            return cmd.withLabels(all);
        });
    }
}
