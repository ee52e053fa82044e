package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Berth run as its README shows it in a container: its image, the Docker socket and the test's
 * folder bind-mounted (at {@link #WORK}, Berth's working directory), no host pid namespace, no
 * network. Arguments that name a path in the test's folder are given as Berth sees it.
 */
public final class BerthContainer implements BerthPlace.Launcher {

    /** Where the test's folder is inside Berth's container: not its host path, as a user's conf.d is not. */
    static final String WORK = "/work";
    /** Where Berth finds its engine's socket, as the README mounts it. */
    static final String DOCKER_SOCKET = "/var/run/docker.sock";

    private final DockerClient docker;
    private final String image;
    private final Path work;
    private final Map<String, String> labels;
    private final Map<String, String> sockets;

    /** Berth on the system daemon, given its socket. */
    BerthContainer(DockerClient docker, String image, Path work, Map<String, String> labels) {
        this(docker, image, work, labels, Map.of(socketPath(TestDocker.host()), DOCKER_SOCKET));
    }

    /**
     * @param docker the engine that runs Berth's container
     * @param sockets the host's Unix sockets to mount, by where Berth sees them: {@link #DOCKER_SOCKET}
     *     for {@code docker}'s own, more where a test names another engine (a swarm's manager)
     */
    BerthContainer(DockerClient docker, String image, Path work, Map<String, String> labels, Map<String, String> sockets) {
        this.docker = docker;
        this.image = image;
        this.work = work.toAbsolutePath();
        this.labels = Map.copyOf(labels);
        this.sockets = Map.copyOf(sockets);
    }

    @Override
    public BerthCli.Watch watch(String... arguments) {
        List<String> command = new ArrayList<>(List.of("watch"));
        for (String argument : arguments) {
            command.add(argument.startsWith(work + "/") ? WORK + argument.substring(work.toString().length()) : argument);
        }
        Map<String, String> all = new HashMap<>(labels);
        all.put(ScratchImage.LABEL, "berth");
        List<Bind> binds = new ArrayList<>(List.of(new Bind(work.toString(), new Volume(WORK))));
        sockets.forEach((socket, inside) -> binds.add(new Bind(socket, new Volume(inside))));
        String id = docker.createContainerCmd(image)
                .withCmd(command)
                .withLabels(all)
                .withWorkingDir(WORK)
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode("none")
                        .withBinds(binds))
                .exec()
                .getId();
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            docker.removeContainerCmd(id).withForce(true).exec();
            throw e;
        }
        return new ContainerWatch(docker, id);
    }

    /** The socket's path of a {@code unix://} DOCKER_HOST. */
    static String socketPath(String host) {
        if (!host.startsWith("unix://")) {
            throw new IllegalStateException("Berth in a container is given the Docker socket; DOCKER_HOST is " + host);
        }
        return host.substring("unix://".length());
    }

    /** Berth's container: its log is Docker's, and closing it is {@code docker stop} and {@code docker rm}. */
    private static final class ContainerWatch implements BerthCli.Watch {

        private final DockerClient docker;
        private final String id;

        private ContainerWatch(DockerClient docker, String id) {
            this.docker = docker;
            this.id = id;
        }

        @Override
        public boolean isAlive() {
            try {
                return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
            } catch (NotFoundException e) {
                return false;
            }
        }

        @Override
        public String log() {
            StringBuilder log = new StringBuilder();
            try {
                docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTailAll()
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                synchronized (log) {
                                    log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                                }
                            }
                        })
                        .awaitCompletion(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading Berth's log", e);
            } catch (NotFoundException e) {
                return "(Berth's container " + id + " is gone)";
            }
            synchronized (log) {
                return log.toString();
            }
        }

        @Override
        public void close() {
            try {
                docker.stopContainerCmd(id).withTimeout(15).exec();
            } catch (RuntimeException e) {
                System.err.println("berth-e2e: docker stop of Berth's container " + id + " failed: " + e.getMessage());
            } finally {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // removed meanwhile
                }
            }
        }
    }
}
