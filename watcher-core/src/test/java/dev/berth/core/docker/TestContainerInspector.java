package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.NetworkEndpoint;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

final class TestContainerInspector {

    /** `docker inspect` of a busybox container on two networks with a passing HEALTHCHECK (Engine 20.10). */
    private static InspectContainerResponse inspectAnswer() throws Exception {
        try (InputStream json = TestContainerInspector.class.getResourceAsStream("inspect-two-networks-healthy.json")) {
            return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getObjectMapper()
                    .readValue(json, InspectContainerResponse.class);
        }
    }

    @Test
    void mapsDockersInspectAnswerToAContainerState() throws Exception {
        ContainerState state = ContainerInspector.toState(inspectAnswer());

        assertThat(state.id()).isEqualTo("2e5d4a0c304944a8603cbd9e585261e47ca1d0e9a0eddeb31e0a20c5179247f2");
        assertThat(state.name()).isEqualTo("insp");
        assertThat(state.running()).isTrue();
        assertThat(state.health()).isEqualTo(Health.HEALTHY);
        assertThat(state.labels()).containsEntry("com.example.type", "web").containsEntry("berth.port", "5090");
        assertThat(state.exposedTcpPorts()).containsExactly(5090);
        assertThat(state.networks()).containsExactly(
                new NetworkEndpoint("t_a", "172.22.0.2", ""),
                new NetworkEndpoint("t_b", "172.23.0.2", ""));
    }

    @Test
    void readsEventsByActionAndActorWithoutTheirDetail() {
        ContainerEvent health = ContainerEvent.of("health_status: healthy", "abc");
        ContainerEvent exec = ContainerEvent.of("exec_start: sh -c true", "abc");

        assertThat(health).isEqualTo(new ContainerEvent("health_status", "abc"));
        assertThat(health.relevant()).isTrue();
        assertThat(exec.relevant()).isFalse();
        assertThat(ContainerEvent.of("destroy", "abc").relevant()).isTrue();
    }
}
