package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.sync.Urgency.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestUrgency {

    private static final boolean DRAIN = true;

    private final Urgency urgency = new Urgency();

    private static ContainerEvent kill(String id, String signal) {
        return new ContainerEvent("kill", id, Map.of("signal", signal));
    }

    @Test
    void aContainerToldToStopAndItsExitAreRemovalsThatMayWait() {
        assertThat(urgency.of(kill("a", "15"), DRAIN)).isEqualTo(Kind.REMOVAL);
        assertThat(urgency.of(new ContainerEvent("die", "a"), DRAIN)).isEqualTo(Kind.REMOVAL);
        assertThat(urgency.of(new ContainerEvent("stop", "a"), DRAIN)).isEqualTo(Kind.CHANGE);
    }

    @Test
    void anExitNobodyAskedForIsUrgent() {
        assertThat(urgency.of(new ContainerEvent("die", "a"), DRAIN)).as("a crash").isEqualTo(Kind.URGENT);
        assertThat(urgency.of(kill("b", "9"), DRAIN)).as("SIGKILL").isEqualTo(Kind.CHANGE);
        assertThat(urgency.of(new ContainerEvent("die", "b"), DRAIN)).as("its exit").isEqualTo(Kind.URGENT);
        assertThat(urgency.of(new ContainerEvent("pause", "c"), DRAIN)).isEqualTo(Kind.URGENT);
        assertThat(urgency.of(new ContainerEvent("oom", "d"), DRAIN)).isEqualTo(Kind.URGENT);
    }

    @Test
    void aContainerToldToStopThatStartedAgainIsUrgentWhenItCrashesLater() {
        urgency.of(kill("a", "SIGTERM"), DRAIN);
        urgency.of(new ContainerEvent("die", "a"), DRAIN);
        urgency.of(new ContainerEvent("start", "a"), DRAIN);
        urgency.of(kill("b", "TERM"), DRAIN);
        urgency.of(new ContainerEvent("start", "b"), DRAIN);

        assertThat(urgency.of(new ContainerEvent("die", "a"), DRAIN)).isEqualTo(Kind.URGENT);
        assertThat(urgency.of(new ContainerEvent("die", "b"), DRAIN)).as("told to stop, then started before it exited")
                .isEqualTo(Kind.URGENT);
    }

    @Test
    void withoutDrainingTheStopSignalChangesNothingAndTheExitMayWait() {
        assertThat(urgency.of(kill("a", "15"), !DRAIN)).isEqualTo(Kind.CHANGE);
        assertThat(urgency.of(new ContainerEvent("die", "a"), !DRAIN)).isEqualTo(Kind.REMOVAL);
    }
}
