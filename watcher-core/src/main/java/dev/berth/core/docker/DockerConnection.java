package dev.berth.core.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.core.spi.DockerUnreachableException;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The two clients Berth talks to the Docker Engine with, configured as the docker CLI is
 * (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). Every request must be answered in time, so
 * that a frozen daemon cannot block the watcher ({@link TimeLimitedHttpClient}); the event stream's
 * body then has no timeout, because it is idle for as long as nothing happens.
 */
public final class DockerConnection implements Closeable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration EVENTS_ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final OneMapperConfig config;
    private final DockerHttpClient requestsHttp;
    private final DockerClient requests;
    private final DockerClient events;
    /** docker-java's, one for all of this connection's clients ({@link OneMapperConfig}). */
    private final ObjectMapper json;

    public DockerConnection() {
        this(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    public DockerConnection(DockerClientConfig config) {
        this.config = new OneMapperConfig(config);
        this.json = this.config.mapper();
        this.requestsHttp = http(config, RESPONSE_TIMEOUT, RESPONSE_TIMEOUT);
        this.requests = DockerClientImpl.getInstance(this.config, requestsHttp);
        this.events = client(EVENTS_ANSWER_TIMEOUT, null);
    }

    /** The Engine at this address ({@code unix://…} or {@code tcp://…}, as DOCKER_HOST), with DOCKER_TLS_* from the environment. */
    public static DockerConnection at(String dockerHost) {
        return new DockerConnection(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    /**
     * @param answerTimeout the limit for the status and headers
     * @param readTimeout the limit for each read of the body, or null; enforced on TCP only
     */
    private DockerClient client(Duration answerTimeout, Duration readTimeout) {
        return DockerClientImpl.getInstance(config, http(config, answerTimeout, readTimeout));
    }

    private static DockerHttpClient http(DockerClientConfig config, Duration answerTimeout, Duration readTimeout) {
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(UnusedTls.fits(config.getDockerHost()) ? new UnusedTls() : config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT);
        if (readTimeout != null) {
            http.responseTimeout(readTimeout);
        }
        return new TimeLimitedHttpClient(http.build(), answerTimeout);
    }

    /** For short requests: list, inspect, kill. */
    public DockerClient requests() {
        return requests;
    }

    /** For the long-lived event stream only. */
    public DockerClient events() {
        return events;
    }

    /** A further client whose requests fail without an answer within {@code timeout}; the caller closes it. */
    public DockerClient client(Duration timeout) {
        return client(timeout, timeout);
    }

    /**
     * Builds the deserializers of the answers that start-up reads (a listing, an inspect, a network,
     * an event): for docker-java's large models they take a good part of start-up, which another
     * thread can do while the command's thread makes the renderer. Then those of the proxy's first
     * check and reload through Docker's API (exec create and inspect, top), and the serializer of an
     * exec create's body, which would otherwise be built on the way from a change to its reload.
     * Only prepares; asks Docker nothing.
     */
    public void prepareJson() {
        json.readerFor(new TypeReference<List<Container>>() { });
        json.readerFor(InspectContainerResponse.class);
        json.readerFor(Network.class);
        json.readerFor(Event.class);
        json.readerFor(ExecCreateCmdResponse.class);
        json.readerFor(InspectExecResponse.class);
        json.readerFor(TopContainerResponse.class);
        try {
            // A command made and never run: docker-java writes the body from the command itself.
            json.writeValueAsBytes(requests.execCreateCmd("warm-up").withCmd("nginx", "-t")
                    .withAttachStdout(true).withAttachStderr(true));
        } catch (JsonProcessingException e) {
            // Only preparation: the first exec builds the serializer itself, and says what fails.
        }
    }

    /**
     * A GET answered with JSON, read as it is: for what docker-java's models leave out (a Swarm
     * task's NetworksAttachments). Fails with Docker's own message on an error status.
     *
     * @param pathAndQuery e.g. {@code /tasks?filters=…}, its query already encoded
     */
    public JsonNode getJson(String pathAndQuery) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(pathAndQuery).build();
        try (DockerHttpClient.Response response = requestsHttp.execute(request)) {
            JsonNode body = json.readTree(response.getBody());
            if (response.getStatusCode() >= 400) {
                String message = body == null ? "" : body.path("message").asText("");
                if (response.getStatusCode() == 404) {
                    throw new NotFoundException(message);
                }
                throw new DockerClientException("Docker answered " + response.getStatusCode() + " to GET "
                        + pathAndQuery.replaceFirst("\\?.*", "") + (message.isEmpty() ? "" : ": " + message));
            }
            return body;
        } catch (IOException e) {
            throw new DockerClientException("reading Docker's answer to GET " + pathAndQuery + ": " + e.getMessage(), e);
        }
    }

    public String host() {
        return config.getDockerHost().toString();
    }

    /** Fails with a hint the user can act on when the Engine does not answer. */
    public void ping() {
        try {
            requests.pingCmd().exec();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    public DockerUnreachableException unreachable(Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new DockerUnreachableException("cannot reach the Docker Engine at " + host() + " (" + reason.strip()
                + "); is dockerd running, may this user open its socket, and is DOCKER_HOST right?", cause);
    }

    @Override
    public void close() throws IOException {
        requests.close();
        events.close();
    }
}
