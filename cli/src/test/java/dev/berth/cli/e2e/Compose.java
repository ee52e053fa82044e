package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One of the repository's Compose examples, run as a user runs it: Debian's {@code docker-compose}
 * (v1) in a copy of the example's folder, with the images and the published address given through
 * the environment, as the example documents. Its project name is unique, so that its containers and
 * network are its own; {@link #close} takes all of it down, whatever state the test left it in.
 */
public final class Compose implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/docker-compose");
    private static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final DockerClient docker;
    private final Path folder;
    private final String project;
    private final Map<String, String> environment;

    private Compose(DockerClient docker, Path folder, String project, Map<String, String> environment) {
        this.docker = docker;
        this.folder = folder;
        this.project = project;
        this.environment = environment;
    }

    /**
     * A copy of {@code example} (a folder of the repository's examples/) in {@code work}, to be run with
     * these variables besides the project's name and the caller's PATH and DOCKER_HOST.
     */
    public static Compose copyOf(DockerClient docker, Path example, Path work, Map<String, String> variables) {
        Path folder = work.resolve(example.getFileName());
        copy(example, folder);
        String project = "berth-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = new HashMap<>(variables);
        // The example selects its own project's containers by this variable, as a user's shell would set it.
        environment.put("COMPOSE_PROJECT_NAME", project);
        for (String inherited : List.of("PATH", "HOME", "DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH")) {
            String value = System.getenv(inherited);
            if (value != null) {
                environment.put(inherited, value);
            }
        }
        return new Compose(docker, folder, project, Map.copyOf(environment));
    }

    /** The example's repository folder, e.g. {@code examples/nginx}, from the cli module where the tests run. */
    public static Path example(String name) {
        Path examples = Path.of("").toAbsolutePath().resolveSibling("examples").resolve(name);
        if (!Files.isRegularFile(examples.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("no Compose example at " + examples);
        }
        return examples;
    }

    /** The copy the project runs in (its bind mounts point here). */
    public Path folder() {
        return folder;
    }

    /** {@code docker-compose ARGS…} in the example's folder; fails with its output unless it exits 0. */
    public String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(arguments));
        ExecResult result = inFolder(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker-compose " + String.join(" ", arguments) + " exited "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    private ExecResult inFolder(List<String> command) {
        // HostCommand runs in Berth's working directory: compose is told the folder with --project-directory and -f.
        List<String> located = new ArrayList<>(command.subList(0, 1));
        located.addAll(List.of("--project-directory", folder.toString(), "-f", folder.resolve("docker-compose.yml").toString()));
        located.addAll(command.subList(1, command.size()));
        return HostCommand.run(located, environment, TIMEOUT);
    }

    /**
     * The 127.0.0.1 port that Docker publishes a service's container port on ({@code docker-compose
     * port}); empty while the container does not run (a proxy that restarts until it finds its file).
     */
    public OptionalInt port(String service, int containerPort) {
        // Its output (stdout and stderr together) may hold warnings too: the address is the line "HOST:PORT".
        String output = run("port", service, Integer.toString(containerPort));
        return output.lines().map(String::strip).filter(line -> line.matches("[0-9.]+:[0-9]+"))
                .mapToInt(address -> Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))).findFirst();
    }

    /** The ids of the service's containers, running or not. */
    public List<String> containers(String service) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service)).exec()
                .stream().map(Container::getId).sorted().toList();
    }

    /** The hostnames (12-character ids) of the service's running containers: what the test backends answer. */
    public List<String> runningHostnames(String service) {
        return docker.listContainersCmd()
                .withLabelFilter(Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service)).exec()
                .stream().map(container -> container.getId().substring(0, 12)).sorted().toList();
    }

    /** What Docker's health check says of a service's containers ({@code healthy}, {@code starting} …; "none" without one). */
    public List<String> health(String service) {
        return containers(service).stream().map(id -> {
            var health = docker.inspectContainerCmd(id).exec().getState().getHealth();
            return health == null ? "none" : health.getStatus();
        }).toList();
    }

    /** A service's log ({@code docker-compose logs}), for a failure's diagnostics. */
    public String logs(String service) {
        return inFolder(List.of(BINARY.toString(), "logs", "--no-color", "--timestamps", service)).output();
    }

    /** {@code docker-compose down}, then whatever of the project is still there, forcibly. */
    @Override
    public void close() {
        try {
            inFolder(List.of(BINARY.toString(), "down", "--volumes", "--remove-orphans", "--timeout", "1"));
        } finally {
            for (Container container : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec()) {
                try {
                    docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // removed meanwhile
                }
            }
            docker.listNetworksCmd().withFilter("label", List.of(PROJECT_LABEL + "=" + project)).exec()
                    .forEach(network -> {
                        try {
                            docker.removeNetworkCmd(network.getId()).exec();
                        } catch (NotFoundException alreadyGone) {
                            // removed meanwhile
                        }
                    });
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }
}
