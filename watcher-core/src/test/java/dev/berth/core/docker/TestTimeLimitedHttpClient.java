package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request to a daemon that does not answer fails in time, also over a Unix socket. */
final class TestTimeLimitedHttpClient {

    @TempDir
    Path dir;

    @Test
    void aDaemonThatAcceptsTheConnectionButNeverAnswersFailsTheRequestAtTheLimit() throws Exception {
        Path socket = dir.resolve("docker.sock");
        // Connections wait in the listen backlog and are never read: a stopped (SIGSTOP) dockerd does the same.
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            DockerConnection docker = new DockerConnection(DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost("unix://" + socket)
                    .build());
            try (DockerClient client = docker.client(Duration.ofMillis(500))) {
                // Without the limit, the ping would wait forever: docker-java's Unix socket ignores read timeouts.
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> client.pingCmd().exec())
                        .isInstanceOf(DockerClientException.class)
                        .hasMessageContaining("did not answer")
                        .hasMessageContaining("/_ping within 500 ms"));
            } finally {
                docker.close();
            }
        }
    }
}
