package dev.berth.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.UsageException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --swarm's values and --swarm-manager's address. */
final class TestSwarmSettings {

    @Test
    void swarmModes() {
        assertThat(SwarmMode.parse(null)).isEqualTo(SwarmMode.OFF);
        assertThat(SwarmMode.parse("services")).isEqualTo(SwarmMode.SERVICES);
        assertThat(SwarmMode.parse("true")).as("BERTH_SWARM=true").isEqualTo(SwarmMode.SERVICES);
        assertThat(SwarmMode.parse("Both")).isEqualTo(SwarmMode.BOTH);
        assertThat(SwarmMode.parse("false")).isEqualTo(SwarmMode.OFF);
        assertThatThrownBy(() -> SwarmMode.parse("tasks")).isInstanceOf(UsageException.class)
                .hasMessage("--swarm 'tasks' is not valid: expected services or both");
    }

    @Test
    void aManagerIsAddressedAsDockerHost() {
        assertThat(new SwarmSettings(SwarmMode.SERVICES, Optional.of("tcp://10.99.0.1:2375")).manager()).hasValue("tcp://10.99.0.1:2375");
        assertThat(new SwarmSettings(SwarmMode.BOTH, Optional.of("unix:///run/manager.sock")).mode()).isEqualTo(SwarmMode.BOTH);
        assertThatThrownBy(() -> new SwarmSettings(SwarmMode.SERVICES, Optional.of("10.99.0.1:2375")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--swarm-manager '10.99.0.1:2375' is not valid");
    }

    @Test
    void aManagerWithoutSwarmIsAMistake() {
        assertThatThrownBy(() -> new SwarmSettings(SwarmMode.OFF, Optional.of("tcp://10.99.0.1:2375")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--swarm-manager needs --swarm");
    }
}
