package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Compose quick start, run with a real Compose client (Debian's docker-compose) on the
 * repository's examples/nginx: Berth as a service from its own image, given only the Docker socket
 * and the conf.d folder, an nginx set up like the official image, and {@code web}. The service scales
 * 1 → 2 → 5 → 1 (the last under load, with backends that finish their requests after SIGTERM as real
 * applications do: not one request may fail), then the project goes down and up again. Berth's
 * container reports itself healthy through the image's HEALTHCHECK.
 */
final class ComposeIT {

    private static final int CLIENTS = 3;
    private static final int DRAIN_SECONDS = 1;

    private static DockerClient docker;
    private static Map<String, String> images;
    /** The proxy service of the example under test: where requests go. */
    private String proxyService = "nginx";

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private Compose compose;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithComposeProxiesAndBusybox();
        images = Map.of(
                "BERTH_IMAGE", TestImages.berth(),
                "NGINX_IMAGE", TestImages.nginx(docker),
                "HAPROXY_IMAGE", TestImages.haproxy(docker),
                "WEB_IMAGE", TestImages.drainingBackend(docker, DRAIN_SECONDS),
                // Docker picks a free port on 127.0.0.1: "127.0.0.1::80".
                "PUBLISH", "127.0.0.1:");
    }

    @AfterEach
    void down() {
        if (compose != null) {
            compose.close();
        }
    }

    @Test
    void theNginxExampleFollowsEveryScaleAndADownAndUp() {
        compose = Compose.copyOf(docker, Compose.example("nginx"), work, images);
        diagnostics.add("berth", () -> compose.logs("berth"));
        diagnostics.add("nginx", () -> compose.logs("nginx"));
        diagnostics.add("conf.d/web.conf", () -> NginxUpstreams.read(compose.folder().resolve("conf.d/web.conf")));

        compose.run("up", "-d");
        awaitEveryWebContainerServed(1);
        // The image's HEALTHCHECK asks Berth's /healthz (BERTH_LISTEN=:9595): 200 once a configuration is in effect.
        Waiting.upTo30s("Berth's container is healthy").until(() -> compose.health("berth").equals(List.of("healthy")));
        compose.run("up", "-d", "--scale", "web=2");
        awaitEveryWebContainerServed(2);
        compose.run("up", "-d", "--scale", "web=5");
        awaitEveryWebContainerServed(5);

        int port = port();
        ClientLoad load = ClientLoad.start(port, CLIENTS);
        try {
            compose.run("up", "-d", "--scale", "web=1");
            awaitEveryWebContainerServed(1);
        } finally {
            load.close();
        }
        System.out.printf("berth-e2e compose: web 5 -> 1 under load, %d client threads: %d requests, %d failed%n",
                CLIENTS, load.requests(), load.failures().size());
        assertThat(load.requests()).as("requests made while scaling down").isPositive();
        assertThat(load.failures()).as("failed requests out of %d while scaling down", load.requests()).isEmpty();

        List<String> before = compose.runningHostnames("web");
        compose.run("down", "--timeout", "1");
        assertThat(compose.containers("web")).as("web containers after down").isEmpty();
        compose.run("up", "-d");
        List<String> after = awaitEveryWebContainerServed(1);
        assertThat(after).as("the web container after down and up is a new one").doesNotContainAnyElementsOf(before);
    }

    /**
     * examples/haproxy, where Berth writes the whole haproxy.cfg: HAProxy, set up like the official
     * image, exits until Berth's first file exists and Compose starts it again; Berth, which found no
     * proxy to reload then, is healthy all the same, and requests reach every web container.
     */
    @Test
    void theHaproxyExampleServesEveryWebContainer() {
        proxyService = "haproxy";
        compose = Compose.copyOf(docker, Compose.example("haproxy"), work, images);
        diagnostics.add("berth", () -> compose.logs("berth"));
        diagnostics.add("haproxy", () -> compose.logs("haproxy"));

        compose.run("up", "-d", "--scale", "web=2");
        awaitEveryWebContainerServed(2);
        Waiting.upTo30s("Berth's container is healthy").until(() -> compose.health("berth").equals(List.of("healthy")));
        compose.run("up", "-d", "--scale", "web=3");
        awaitEveryWebContainerServed(3);
    }

    /** The port the proxy publishes; an assertion error while it has none, so that a wait tries again. */
    private int port() {
        return compose.port(proxyService, 80).orElseThrow(() -> new AssertionError(proxyService
                + " publishes no port: its container does not run (HAProxy restarts until Berth's first file exists)"));
    }

    /**
     * Waits until the service has {@code count} running web containers and requests through the proxy have
     * reached every one of them, and only them; answers their hostnames.
     */
    private List<String> awaitEveryWebContainerServed(int count) {
        Waiting.upTo30s(count + " running web containers").until(() -> compose.runningHostnames("web").size() == count);
        List<String> running = compose.runningHostnames("web");
        Set<String> reached = new HashSet<>();
        Waiting.upTo30s("requests through " + proxyService + " reach every one of " + running).untilAsserted(() -> {
            for (Outcome outcome : ProxyHttp.get(port(), 4 * count)) {
                if (outcome.served()) {
                    reached.add(outcome.body());
                }
            }
            assertThat(reached).containsAll(running);
        });
        // Past answers may come from containers that have gone since: from now on, only the running ones answer.
        Set<String> now = new HashSet<>();
        ProxyHttp.get(port(), 4 * count).stream().filter(Outcome::served).map(Outcome::body).forEach(now::add);
        assertThat(now).as("what answers once every web container was reached").isSubsetOf(running);
        return running;
    }
}
