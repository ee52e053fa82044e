package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestContainerEvent {

    @Test
    void keepsTheSignalOfAKillAndNoOtherAttribute() {
        ContainerEvent kill = ContainerEvent.of("kill", "abc", Map.of("signal", "15", "image", "busybox", "name", "web-1"));

        assertThat(kill).isEqualTo(new ContainerEvent("kill", "abc", Map.of("signal", "15")));
        assertThat(kill.relevant()).isTrue();
    }

    @Test
    void aKillWithSigtermOrSigintStartsADrainWhateverTheSpelling() {
        for (String signal : new String[] {"15", "2", "SIGTERM", "TERM", "sigint", "INT"}) {
            assertThat(ContainerEvent.of("kill", "abc", Map.of("signal", signal)).startsDrain()).as(signal).isTrue();
        }
    }

    @Test
    void aKillWithAnyOtherSignalOrNoneStartsNoDrain() {
        for (String signal : new String[] {"9", "SIGKILL", "1", "HUP", "3", ""}) {
            assertThat(ContainerEvent.of("kill", "abc", Map.of("signal", signal)).startsDrain()).as(signal).isFalse();
        }
        assertThat(ContainerEvent.of("kill", "abc").startsDrain()).isFalse();
        assertThat(ContainerEvent.of("stop", "abc", Map.of("signal", "15")).startsDrain()).as("not a kill").isFalse();
    }

    @Test
    void startDieStopAndDestroyEndADrainOtherActionsDoNot() {
        for (String action : new String[] {"start", "die", "stop", "destroy"}) {
            assertThat(ContainerEvent.of(action, "abc").endsDrain()).as(action).isTrue();
        }
        for (String action : new String[] {"kill", "pause", "unpause", "health_status: healthy", "rename", "connect"}) {
            assertThat(ContainerEvent.of(action, "abc").endsDrain()).as(action).isFalse();
        }
    }

    @Test
    void everyLifecycleActionThatChangesWhoServesIsRelevant() {
        for (String action : new String[] {"start", "die", "kill", "stop", "destroy", "pause", "unpause",
                "health_status: unhealthy", "rename", "connect", "disconnect"}) {
            assertThat(ContainerEvent.of(action, "abc").relevant()).as(action).isTrue();
        }
        for (String action : new String[] {"exec_start: sh", "attach", "create", "top", "resize"}) {
            assertThat(ContainerEvent.of(action, "abc").relevant()).as(action).isFalse();
        }
    }

    @Test
    void aNetworkConnectOrDisconnectNamesTheContainerInItsAttributes() {
        Map<String, String> attributes = Map.of("container", "abc", "name", "front", "type", "bridge");

        assertThat(ContainerEvent.ofNetwork("connect", attributes)).contains(new ContainerEvent("connect", "abc"));
        assertThat(ContainerEvent.ofNetwork("disconnect", attributes)).contains(new ContainerEvent("disconnect", "abc"));
    }

    @Test
    void otherNetworkEventsAndEventsWithoutAContainerAreIgnored() {
        assertThat(ContainerEvent.ofNetwork("create", Map.of("name", "front"))).isEmpty();
        assertThat(ContainerEvent.ofNetwork("destroy", Map.of("container", "abc"))).isEmpty();
        assertThat(ContainerEvent.ofNetwork("connect", Map.of("name", "front"))).isEmpty();
        assertThat(ContainerEvent.ofNetwork("connect", Map.of("container", " "))).isEmpty();
    }
}
