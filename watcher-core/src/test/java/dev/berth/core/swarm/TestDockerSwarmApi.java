package dev.berth.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.sun.net.httpserver.HttpServer;
import dev.berth.core.docker.DockerConnection;
import dev.berth.core.spi.DockerUnreachableException;
import dev.berth.core.spi.UsageException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests Berth sends a manager and how it reads the answers; the manager is a stand-in over HTTP on 127.0.0.1. */
final class TestDockerSwarmApi {

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer manager;
    private DockerConnection docker;

    @BeforeEach
    void standInManager() throws IOException {
        manager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        manager.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String request = exchange.getRequestURI().getPath()
                    + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8));
            asked.add(request);
            String answer = answers.get(request);
            byte[] body = (answer == null ? "{\"message\":\"service web not found\"}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        manager.start();
        docker = new DockerConnection(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("tcp://127.0.0.1:" + manager.getAddress().getPort()).withDockerTlsVerify(false).build());
    }

    @AfterEach
    void stop() throws IOException {
        manager.stop(0);
        docker.close();
    }

    @Test
    void aManagerIsWhatAnswersForTheCluster() {
        answers.put("/info", "{\"Swarm\":{\"LocalNodeState\":\"active\",\"ControlAvailable\":true}}");

        new DockerSwarmApi(docker).requireManager();

        assertThat(asked).containsExactly("/info");
    }

    @Test
    void anEngineThatIsNotAManagerIsAUsageErrorThatSaysWhatToDo() {
        answers.put("/info", "{\"Swarm\":{\"LocalNodeState\":\"inactive\",\"ControlAvailable\":false}}");

        assertThatThrownBy(() -> new DockerSwarmApi(docker).requireManager()).isInstanceOf(UsageException.class)
                .hasMessage("the Docker Engine at " + docker.host() + " is not a Swarm manager (its swarm state: inactive); "
                        + "run Berth against a manager, or name one with --swarm-manager");
    }

    @Test
    void aManagerThatDoesNotAnswerIsUnreachable() {
        manager.stop(0);

        assertThatThrownBy(() -> new DockerSwarmApi(docker).requireManager()).isInstanceOf(DockerUnreachableException.class);
    }

    @Test
    void oneRequestForAServiceItsTasksOrEveryRunningTask() {
        answers.put("/services/web", "{\"ID\":\"web\",\"Spec\":{\"Name\":\"web\",\"Mode\":{\"Replicated\":{\"Replicas\":1}}}}");
        answers.put("/tasks?filters={\"service\":[\"web\"]}", "[{\"ID\":\"t1\",\"ServiceID\":\"web\",\"Slot\":1,"
                + "\"Status\":{\"State\":\"running\"},\"DesiredState\":\"running\"}]");
        answers.put("/tasks?filters={\"desired-state\":[\"running\"]}", "[]");
        DockerSwarmApi api = new DockerSwarmApi(docker);

        assertThat(api.service("web")).map(SwarmService::name).hasValue("web");
        assertThat(api.tasks("web")).extracting(SwarmTask::id).containsExactly("t1");
        assertThat(api.runningTasks()).isEmpty();
        assertThat(asked).hasSize(3);
    }

    @Test
    void aRemovedServiceIsNoMore() {
        DockerSwarmApi api = new DockerSwarmApi(docker);

        assertThat(api.service("web")).isEmpty();
        assertThat(api.tasks("web")).isEmpty();
    }
}
