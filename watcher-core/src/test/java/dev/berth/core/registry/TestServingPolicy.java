package dev.berth.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.model.Health;
import dev.berth.core.spi.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestServingPolicy {

    @Test
    void byDefaultServesHealthyContainersAndThoseWithoutAHealthCheck() {
        assertThat(ServingPolicy.DEFAULT.drain()).isTrue();
        assertThat(ServingPolicy.DEFAULT.serves(Health.NONE)).isTrue();
        assertThat(ServingPolicy.DEFAULT.serves(Health.HEALTHY)).isTrue();
        assertThat(ServingPolicy.DEFAULT.serves(Health.STARTING)).isFalse();
        assertThat(ServingPolicy.DEFAULT.serves(Health.UNHEALTHY)).isFalse();
    }

    @Test
    void parsesTheHealthStatesToIncludeInAnyCase() {
        assertThat(ServingPolicy.parseHealth(List.of("starting", " UNHEALTHY")))
                .containsExactlyInAnyOrder(Health.STARTING, Health.UNHEALTHY);
    }

    @Test
    void anyOtherHealthStateIsAUsageError() {
        assertThatThrownBy(() -> ServingPolicy.parseHealth(List.of("healthy")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--include-health 'healthy' is not valid: expected starting or unhealthy");
    }
}
