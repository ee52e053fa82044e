package dev.berth.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** New tasks of a scale-up go into effect together; a task that leaves never waits. */
final class TestHolding {

    private static final long MS = 1_000_000L;

    private final Holding holding = new Holding(Duration.ofMillis(700));

    @Test
    void newTasksWaitForTheOthersOfTheirScaleUpAtMostTheLimit() {
        assertThat(holding.tellNow(true, true, 0)).isFalse();
        assertThat(holding.tellNow(true, true, 600 * MS)).isFalse();
        assertThat(holding.tellNow(true, true, 700 * MS)).isTrue();
        assertThat(holding.tellNow(true, true, 800 * MS)).as("a new wait begins").isFalse();
    }

    @Test
    void byDefaultTasksThatComeRunningASecondApartGoIntoEffectTogether() {
        Holding byDefault = new Holding(SwarmTiming.DEFAULT.hold());

        assertThat(byDefault.tellNow(true, true, 0)).isFalse();
        assertThat(byDefault.tellNow(true, true, 1_000 * MS)).isFalse();
        assertThat(byDefault.tellNow(true, false, 1_100 * MS)).isTrue();
    }

    @Test
    void toldOnceTheServiceHasThemAll() {
        assertThat(holding.tellNow(true, true, 0)).isFalse();
        assertThat(holding.tellNow(true, false, 300 * MS)).isTrue();
    }

    @Test
    void aTaskThatLeavesIsToldAtOnce() {
        assertThat(holding.tellNow(true, true, 0)).isFalse();
        assertThat(holding.tellNow(false, true, 100 * MS)).isTrue();
        assertThat(holding.tellNow(false, false, 200 * MS)).isTrue();
    }

    @Test
    void nothingWaitsWhenNoServiceAwaitsTasks() {
        assertThat(holding.tellNow(true, false, 0)).isTrue();
    }
}
