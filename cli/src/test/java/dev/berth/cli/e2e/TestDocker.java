package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * The tests' own connection to the Docker Engine, configured as the docker CLI is (DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). One client per JVM run, never closed: the JVM's exit ends it.
 */
public final class TestDocker {

    private static DockerClient client;

    private TestDocker() {}

    public static synchronized DockerClient client() {
        if (client == null) {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(5))
                    // Image builds stream their progress; this bounds a silent Engine, not a long build.
                    .responseTimeout(Duration.ofMinutes(5))
                    .build();
            client = DockerClientImpl.getInstance(config, http);
        }
        return client;
    }

    /** A client of a daemon that a test started itself ({@link PrivateDockerDaemon}, {@link SwarmNode}), at a Unix socket. */
    public static DockerClient clientOf(String unixHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(unixHost)
                .withDockerTlsVerify(false)
                .build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .build());
    }

    public static String host() {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString();
    }
}
