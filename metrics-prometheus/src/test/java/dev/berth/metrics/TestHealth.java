package dev.berth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.metrics.Health.Status;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TestHealth {

    private final Health health = new Health();

    @Test
    void unhealthyUntilAFirstConfigurationIsInEffect() {
        assertThat(health.status()).isEqualTo(new Status(false, "no configuration in effect yet"));

        health.dockerAnswers();
        health.passSucceeded();
        assertThat(health.status().healthy()).isFalse();

        health.inEffect();
        assertThat(health.status()).isEqualTo(new Status(true, "ok"));
    }

    @Test
    void unhealthyWhileDockerIsUnreachableAndHealthyOnceItAnswersAgain() {
        health.inEffect();

        health.dockerLost("a ping to the Docker daemon failed: timeout");
        assertThat(health.status()).isEqualTo(new Status(false, "Docker unreachable: a ping to the Docker daemon failed: timeout"));

        health.dockerAnswers();
        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void unhealthyAfterAFailedPassUntilOneSucceeds() {
        health.inEffect();

        health.passFailed("could not read from Docker: connection refused");
        assertThat(health.status().reason()).isEqualTo("the last pass failed: could not read from Docker: connection refused");

        health.passSucceeded();
        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void unhealthyWhileTheLastConfigurationIsNotInEffectThoughAnEarlierOneIs() {
        health.inEffect();

        health.notInEffect("the proxy rejected it: nginx: [emerg] unknown directive\n  in web.conf:3");
        assertThat(health.status())
                .as("one line, whatever the proxy said")
                .isEqualTo(new Status(false, "the last configuration is not in effect: the proxy rejected it: nginx: [emerg] unknown directive in web.conf:3"));

        health.inEffect();
        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void unhealthyWhileTheProxyLeftAGroupOut() {
        health.inEffect();

        health.groupsLeftOut(Set.of("web", "api"));
        assertThat(health.status().reason()).isEqualTo("left out by the proxy: api, web");

        health.groupsLeftOut(Set.of());
        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void tellsTheFirstReasonDockerFirst() {
        health.notInEffect("the proxy rejected it");
        health.passFailed("connection refused");
        health.dockerLost("the Docker event stream ended");

        assertThat(health.status().reason()).isEqualTo("Docker unreachable: the Docker event stream ended");
    }
}
