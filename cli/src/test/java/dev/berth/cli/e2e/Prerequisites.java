package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import dev.berth.core.host.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * What the end-to-end tests need from the machine: a Docker Engine that answers, the host's nginx,
 * HAProxy and a static busybox (the images are built from them), and the runnable jar under test.
 *
 * <p>Where something is missing, the tests fail when the environment variable CI is "true" (CI must
 * never pass by running nothing) and are skipped otherwise, with a loud line on stderr so that a
 * developer notices. {@code scripts/setup} installs all of it.
 */
public final class Prerequisites {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");
    public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private Prerequisites() {}

    /** The Docker client, once the Engine answered and nginx and busybox are present. */
    public static DockerClient dockerWithNginxAndBusybox() {
        return dockerWithBusyboxAnd(NGINX);
    }

    /** The Docker client, once the Engine answered and nginx, HAProxy and busybox are present. */
    public static DockerClient dockerWithProxiesAndBusybox() {
        return dockerWithBusyboxAnd(NGINX, HAPROXY);
    }

    /** The Docker client, once the Engine answered and Debian's docker-compose, nginx, HAProxy and busybox are present. */
    public static DockerClient dockerWithComposeProxiesAndBusybox() {
        if (!Files.isExecutable(Compose.BINARY)) {
            require(new ArrayList<>(List.of(Compose.BINARY + " is missing (apt-get install docker-compose)")));
        }
        return dockerWithBusyboxAnd(NGINX, HAPROXY);
    }

    /**
     * As {@link #dockerWithProxiesAndBusybox}, and what running a check both ways takes: root and
     * nsenter (Berth's way from the host) and the Docker CLI (the reference, {@code docker exec}).
     */
    public static DockerClient dockerWithProxiesBusyboxNsenterAndTheDockerCli() {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("nsenter into a container takes root");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/nsenter"))) {
            missing.add("/usr/bin/nsenter is missing (apt-get install util-linux)");
        }
        if (HostCommand.run(List.of("sh", "-c", "command -v docker"), Map.of(), Duration.ofSeconds(10)).exitCode() != 0) {
            missing.add("the Docker CLI is missing (apt-get install docker.io)");
        }
        require(missing);
        return dockerWithProxiesAndBusybox();
    }

    /** What a test that runs its own Docker daemon needs: nginx and busybox, and root, dockerd, ip and iptables. */
    public static void nginxBusyboxAndAPrivateDockerDaemon() {
        List<String> missing = missingBinaries(NGINX);
        missing.addAll(PrivateDockerDaemon.missing());
        require(missing);
    }

    /**
     * What a test on a Swarm of its own takes ({@link SwarmCluster}): the system daemon (the images
     * are built there, then loaded into the nodes), nginx, HAProxy and busybox, and root, dockerd,
     * the Docker CLI, ip, iptables, nsenter and unshare.
     */
    public static DockerClient dockerWithProxiesBusyboxAndASwarm() {
        require(SwarmCluster.missing());
        return dockerWithProxiesAndBusybox();
    }

    /**
     * As {@link #dockerWithProxiesAndBusybox}, with the images most end-to-end tests run: the backend
     * and both official-like proxies.
     */
    public static DockerClient dockerWithBackendAndBothProxyImages() {
        DockerClient docker = dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
        for (ProxyKind kind : ProxyKind.values()) {
            kind.image(docker);
        }
        return docker;
    }

    /** As {@link #dockerWithBackendAndBothProxyImages}, and every place Berth runs in prepared (its image built). */
    public static DockerClient dockerWithBackendBothProxyImagesAndBerthEverywhere() {
        DockerClient docker = dockerWithBackendAndBothProxyImages();
        for (BerthPlace place : BerthPlace.values()) {
            place.prepare();
        }
        return docker;
    }

    private static DockerClient dockerWithBusyboxAnd(Path... proxies) {
        List<String> missing = missingBinaries(proxies);
        DockerClient docker = TestDocker.client();
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            missing.add("the Docker Engine at " + TestDocker.host() + " does not answer (" + e.getMessage()
                    + "); start dockerd or set DOCKER_HOST");
        }
        require(missing);
        return docker;
    }

    private static List<String> missingBinaries(Path... proxies) {
        List<String> missing = new ArrayList<>();
        for (Path proxy : proxies) {
            if (!Files.isExecutable(proxy)) {
                missing.add(proxy + " is missing (apt-get install " + proxy.getFileName() + ")");
            }
        }
        if (!Files.isExecutable(BUSYBOX)) {
            missing.add(BUSYBOX + " is missing (apt-get install busybox-static)");
        }
        return missing;
    }

    /** The runnable jar built by the package phase; absent means a broken build, so this always fails. */
    public static Path berthJar() {
        String property = System.getProperty("berth.jar");
        if (property == null || property.isBlank()) {
            fail("system property berth.jar is not set; run the end-to-end tests with `./mvnw verify`"
                    + " (failsafe sets it to cli/target/berth.jar)");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            fail("berth.jar not found at " + jar + "; the package phase should have built it");
        }
        return jar;
    }

    private static void require(List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String reason = String.join("; ", missing) + " (scripts/setup installs and starts everything)";
        if ("true".equals(System.getenv("CI"))) {
            fail("end-to-end tests cannot run on CI: " + reason);
        }
        System.err.println();
        System.err.println("!!!!! SKIPPED end-to-end tests: " + reason);
        System.err.println();
        Assumptions.abort("SKIPPED end-to-end tests: " + reason);
    }
}
