package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.core.docker.DockerContainerControl;
import dev.berth.core.docker.DockerContainerControl.Way;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In containers set up as the official nginx and HAProxy images: the proxy's check gives the same
 * verdict, with the same error, whichever way Berth runs it (nsenter from the host, Docker's exec
 * API) as {@code docker exec <proxy> <check>} gives: on a good file, on a broken one, on one that
 * writes to the official images' logs (links to /dev/stdout and /dev/stderr, which resolve only in
 * the container's pid namespace), and on one that only root may read (HAProxy's check runs as
 * {@code haproxy}, as its container does).
 */
final class CheckAsDockerExecIT {

    /** nginx's and HAProxy's own parts of a message that differ from run to run: times and pids. */
    private static final Pattern RUN_SPECIFIC = Pattern.compile("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d |\\d+#\\d+: |\\(\\d+\\)");

    private static DockerClient docker;
    private Topology topology;

    @TempDir
    Path conf;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithProxiesBusyboxNsenterAndTheDockerCli();
        for (ProxyKind kind : ProxyKind.values()) {
            kind.image(docker);
        }
    }

    @AfterEach
    void removeEverything() {
        if (topology != null) {
            topology.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProxyKind.class)
    void aGoodFileIsAcceptedEveryWay(ProxyKind kind) throws Exception {
        ProxyContainer proxy = start(kind, good(kind));

        assertSameVerdictAsDockerExec(proxy, 0, "");
    }

    @ParameterizedTest
    @EnumSource(ProxyKind.class)
    void aBrokenFileIsRejectedEveryWayWithTheSameError(ProxyKind kind) throws Exception {
        ProxyContainer proxy = start(kind, good(kind));
        String broken = switch (kind) {
            case NGINX -> good(kind) + "bogus_directive on;\n";
            case HAPROXY -> good(kind) + "    bogus_keyword\n";
        };
        write(kind, broken);

        assertSameVerdictAsDockerExec(proxy, 1, switch (kind) {
            case NGINX -> "unknown directive \"bogus_directive\"";
            case HAPROXY -> "unknown keyword 'bogus_keyword'";
        });
    }

    @ParameterizedTest
    @EnumSource(ProxyKind.class)
    void aFileThatLogsAsTheOfficialImagesDoIsAcceptedEveryWay(ProxyKind kind) throws Exception {
        ProxyContainer proxy = start(kind, good(kind));
        // nginx: the official nginx.conf already opens /var/log/nginx/error.log -> /dev/stderr; one more log, to stdout.
        write(kind, switch (kind) {
            case NGINX -> good(kind) + "access_log /var/log/nginx/access.log;\nerror_log /var/log/nginx/error.log warn;\n";
            case HAPROXY -> good(kind).replace("global\n", "global\n    log stdout format raw local0 info\n    log stderr format raw local1 notice\n");
        });

        assertSameVerdictAsDockerExec(proxy, 0, "");
    }

    @ParameterizedTest
    @EnumSource(ProxyKind.class)
    void aFileOnlyRootMayReadIsJudgedAsTheContainersUserWouldEveryWay(ProxyKind kind) throws Exception {
        ProxyContainer proxy = start(kind, good(kind));
        Path secret = Files.writeString(conf.resolve("503.http"), "HTTP/1.0 503 Service Unavailable\r\n\r\nbusy\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        String path = kind.configDirectory() + "/503.http";
        write(kind, switch (kind) {
            // nginx's check runs as root (its master does): it reads the file.
            case NGINX -> good(kind) + "include " + path + ".conf;\n";
            case HAPROXY -> good(kind).replace("defaults\n", "defaults\n    errorfile 503 " + path + "\n");
        });
        if (kind == ProxyKind.NGINX) {
            Path included = Files.writeString(conf.resolve("503.http.conf"), "# only root reads this\n");
            Files.setPosixFilePermissions(included, PosixFilePermissions.fromString("rw-------"));
        }

        switch (kind) {
            case NGINX -> assertSameVerdictAsDockerExec(proxy, 0, "");
            // HAProxy's runs as uid 99, as in its container: permission denied, where root would read it.
            case HAPROXY -> assertSameVerdictAsDockerExec(proxy, 1, "errorfile");
        }
    }

    private ProxyContainer start(ProxyKind kind, String config) throws IOException {
        topology = Topology.create(docker);
        kind.prepare(conf);
        write(kind, config);
        ProxyContainer proxy = topology.startProxy(kind, conf);
        // Only a proxy that has read its file may be given another one to check.
        Waiting.upTo30s(kind + " answers through port " + proxy.port())
                .failFast("the " + kind + " container stopped", () -> !proxy.isRunning())
                .until(() -> ProxyHttp.get(proxy.port()).failure() == null);
        return proxy;
    }

    private void write(ProxyKind kind, String config) throws IOException {
        Files.writeString(conf.resolve(kind.configFile()), config);
    }

    /** A file the proxy accepts: Berth's group {@code web} with one server, in Berth's built-in shape. */
    private static String good(ProxyKind kind) {
        return switch (kind) {
            case NGINX -> "upstream web {\n    server 127.0.0.1:5090;\n}\n";
            case HAPROXY -> """
                    global
                    defaults
                        mode http
                        timeout connect 5s
                        timeout client 30s
                        timeout server 30s
                    frontend berth
                        bind *:80
                        default_backend web
                    backend web
                        server web-1 127.0.0.1:5090 check
                    """;
        };
    }

    /**
     * Runs the check with the Docker CLI's {@code docker exec}, and as Berth does both ways; all
     * three end with {@code exitCode} and, but for times and pids, say the same (naming
     * {@code error}).
     */
    private void assertSameVerdictAsDockerExec(ProxyContainer proxy, int exitCode, String error) {
        List<String> check = berthsDefaultCheck(proxy.kind());
        List<String> dockerExec = new ArrayList<>(List.of("docker", "exec", proxy.id()));
        dockerExec.addAll(check);
        ExecResult reference = HostCommand.run(dockerExec, Map.of(), Duration.ofSeconds(30));
        ExecResult nsenter = new DockerContainerControl(docker, Way.HOST).exec(proxy.id(), check);
        ExecResult dockerApi = new DockerContainerControl(docker, Way.DOCKER_API).exec(proxy.id(), check);

        assertThat(reference.exitCode()).as("docker exec: %s", reference.output()).isEqualTo(exitCode);
        assertThat(reference.output()).as("docker exec's output").contains(error);
        assertThat(nsenter.exitCode()).as("Berth's nsenter: %s", nsenter.output()).isEqualTo(reference.exitCode());
        assertThat(withoutRunSpecifics(nsenter.output())).as("Berth's nsenter's output")
                .isEqualTo(withoutRunSpecifics(reference.output()));
        assertThat(dockerApi.exitCode()).as("Berth's Docker exec: %s", dockerApi.output()).isEqualTo(reference.exitCode());
        assertThat(withoutRunSpecifics(dockerApi.output())).as("Berth's Docker exec's output")
                .isEqualTo(withoutRunSpecifics(reference.output()));
    }

    /** Berth's default checks (HAProxy's without -q: its -q silences the errors too). */
    private static List<String> berthsDefaultCheck(ProxyKind kind) {
        return switch (kind) {
            case NGINX -> List.of("nginx", "-t", "-q");
            case HAPROXY -> List.of("haproxy", "-c", "-f", kind.configDirectory() + "/" + kind.configFile());
        };
    }

    private static String withoutRunSpecifics(String output) {
        return RUN_SPECIFIC.matcher(output).replaceAll("").strip();
    }
}
