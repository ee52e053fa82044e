package dev.berth.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.core.spi.DockerUnreachableException;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * The two clients Berth talks to the Docker Engine with, configured as the docker CLI is
 * (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). Requests get a response timeout so that a
 * frozen daemon cannot block the watcher; the event stream gets none, because it is idle for as
 * long as nothing happens.
 */
public final class DockerConnection implements Closeable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClientConfig config;
    private final DockerClient requests;
    private final DockerClient events;

    public DockerConnection() {
        this(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    public DockerConnection(DockerClientConfig config) {
        this.config = config;
        this.requests = client(config, RESPONSE_TIMEOUT);
        this.events = client(config, null);
    }

    private static DockerClient client(DockerClientConfig config, Duration responseTimeout) {
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    /** For short requests: list, inspect, kill. */
    public DockerClient requests() {
        return requests;
    }

    /** For the long-lived event stream only. */
    public DockerClient events() {
        return events;
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
