package dev.berth.core.swarm;

import static dev.berth.core.swarm.FakeSwarmApi.service;
import static dev.berth.core.swarm.FakeSwarmApi.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.core.model.ContainerState;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Selection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** How Berth follows a swarm's services: which tasks it serves, when it reads them, and when it stops reading fast. */
final class TestSwarmTracker {

    private static final Map<String, String> WEB = Map.of("com.example.type", "web");
    private static final SwarmTiming TIMING = new SwarmTiming(Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(700));
    private static final long SECOND = 1_000_000_000L;

    private final FakeSwarmApi api = new FakeSwarmApi();
    private final SwarmTracker tracker = new SwarmTracker(api,
            new Selection(List.of(LabelFilter.parse("com.example.type=web")), new LabelSchema("berth."),
                    Optional.of("webnet"), OptionalInt.empty(), new TreeSet<>()), TIMING);

    private List<String> serving() {
        return tracker.states(false).stream().map(ContainerState::id).toList();
    }

    @Test
    void servesTheRunningTasksOfTheServicesWhoseServiceLabelsMatch() {
        api.put(service("web", 2, WEB));
        api.put(service("db", 1, Map.of("com.example.type", "db")));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));
        api.put(task("t2", "web", 2, "starting", "running", "10.0.1.5"));
        api.put(task("t3", "db", 1, "running", "running", "10.0.1.6"));

        tracker.readAll();

        assertThat(tracker.states(false)).extracting(ContainerState::id).as("only what serves").containsExactly("t1");
        assertThat(tracker.states(true)).extracting(ContainerState::id, ContainerState::status)
                .containsExactly(tuple("t1", "running"), tuple("t2", "task starting"));
    }

    private void oneTaskRunsAndTheServiceIsScaledToThree() {
        api.put(service("web", 1, WEB));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));
        tracker.readAll();
        api.put(service("web", 3, WEB));
    }

    @Test
    void readsAChangedServiceFastUntilAllItsReplicasRun() {
        oneTaskRunsAndTheServiceIsScaledToThree();
        api.put(task("t2", "web", 2, "pending", "running", "10.0.1.5"));
        tracker.serviceChanged("web", 0);
        assertThat(serving()).containsExactly("t1");
        assertThat(tracker.converging()).isTrue();
        assertThat(tracker.awaitingTasks()).isTrue();

        api.put(task("t2", "web", 2, "running", "running", "10.0.1.5"));
        api.put(task("t3", "web", 3, "running", "running", "10.0.1.6"));
        tracker.tick(SECOND / 10);
        assertThat(tracker.awaitingTasks()).isFalse();
        assertThat(serving()).containsExactly("t1", "t2", "t3");
        assertThat(tracker.converging()).as("read on until it settled: the orchestrator acts after the event").isTrue();

        tracker.tick(SECOND);
        assertThat(tracker.converging()).isFalse();
    }

    @Test
    void onlyTasksOnTheirWayToRunningAreAwaited() {
        oneTaskRunsAndTheServiceIsScaledToThree();
        api.put(task("t2", "web", 2, "running", "running", "10.0.1.5"));
        api.put(task("t3", "web", 3, "preparing", "running", "10.0.1.6"));
        tracker.serviceChanged("web", 0);
        assertThat(tracker.awaitingTasks()).as("t3 is preparing").isTrue();

        api.put(task("t3", "web", 3, "failed", "shutdown", "10.0.1.6"));
        tracker.tick(SECOND / 10);
        assertThat(tracker.awaitingTasks()).as("a task that failed comes no more; its replacement is not there yet").isFalse();
        assertThat(tracker.converging()).as("read on: the replacement is to come").isTrue();
    }

    @Test
    void aRollingUpdatesNewTaskIsNotHeldForTheTasksStillToBeReplaced() {
        api.put(new SwarmService("web", "web", WEB, OptionalInt.of(2), true, Set.of(5090)));
        api.put(task("new1", "web", 1, "running", "running", "10.0.1.7"));
        api.put(task("old2", "web", 2, "running", "running", "10.0.1.5"));

        tracker.serviceChanged("web", 0);

        assertThat(tracker.awaitingTasks()).as("nothing else is on its way: the next old task stops only now").isFalse();
        assertThat(tracker.converging()).isTrue();
    }

    @Test
    void aRollingUpdateIsNotConvergedWhileItRuns() {
        api.put(new SwarmService("web", "web", WEB, OptionalInt.of(1), true, Set.of(5090)));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));

        tracker.serviceChanged("web", 0);
        tracker.tick(2 * SECOND);

        assertThat(tracker.converging()).isTrue();
    }

    @Test
    void givesUpReadingFastAtTheDeadline() {
        api.put(service("web", 2, WEB));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));
        tracker.serviceChanged("web", 0);

        tracker.tick(29 * SECOND);
        assertThat(tracker.converging()).isTrue();
        tracker.tick(30 * SECOND);
        assertThat(tracker.converging()).isFalse();
    }

    @Test
    void nothingIsAskedWhileNothingConverges() {
        api.put(service("web", 1, WEB));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));
        tracker.readAll();
        int before = api.requests;

        assertThat(tracker.converging()).isFalse();
        tracker.tick(SECOND);

        assertThat(api.requests).isEqualTo(before);
    }

    @Test
    void aTaskMeantToShutDownLeavesAtOnceWhileItStillRuns() {
        api.put(service("web", 2, WEB));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));
        api.put(task("t2", "web", 2, "running", "running", "10.0.1.5"));
        tracker.readAll();

        api.put(service("web", 1, WEB));
        api.put(task("t2", "web", 2, "running", "shutdown", "10.0.1.5"));
        tracker.serviceChanged("web", 0);

        assertThat(serving()).containsExactly("t1");
        assertThat(tracker.states(false)).extracting(ContainerState::id).containsExactly("t1");
        assertThat(tracker.states(true)).extracting(ContainerState::id, ContainerState::status).containsExactly(
                tuple("t1", "running"), tuple("t2", "shutting down: desired state shutdown, task running"));
    }

    @Test
    void aTaskWhoseContainerStopsOnThisNodeLeavesBeforeTheManagerTells() {
        api.put(service("web", 2, WEB));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));
        api.put(task("t2", "web", 2, "running", "running", "10.0.1.5"));
        tracker.readAll();

        tracker.taskStopping("t2", "web", 0);

        assertThat(serving()).containsExactly("t1");
        assertThat(tracker.states(true)).extracting(ContainerState::id, ContainerState::status).containsExactly(
                tuple("t1", "running"), tuple("t2", "its container is stopping on this node"));
        assertThat(tracker.converging()).isTrue();
        tracker.readAll();
        assertThat(serving()).as("the manager still says running: the mark stays").containsExactly("t1");

        api.tasks.removeIf(t -> t.id().equals("t2"));
        tracker.readAll();
        api.put(task("t2", "web", 2, "running", "running", "10.0.1.5"));
        tracker.readAll();
        assertThat(serving()).as("forgotten once the manager no longer listed it").containsExactly("t1", "t2");
    }

    @Test
    void aRemovedOrUnselectedServiceTakesItsTasksAlong() {
        api.put(service("web", 1, WEB));
        api.put(service("api", 1, WEB));
        api.put(task("t1", "web", 1, "running", "running", "10.0.1.4"));
        api.put(task("t2", "api", 1, "running", "running", "10.0.1.5"));
        tracker.readAll();

        api.services.remove("web");
        tracker.serviceChanged("web", 0);
        api.put(service("api", 1, Map.of("com.example.type", "other")));
        tracker.serviceChanged("api", 0);

        assertThat(tracker.states(true)).isEmpty();
        assertThat(tracker.converging()).as("nothing to wait for").isFalse();
    }

    @Test
    void explainListsASelectedServiceWithoutTasksToo() {
        api.put(service("web", 0, WEB));

        tracker.readAllWithHistory();

        assertThat(tracker.states(false)).isEmpty();
        assertThat(tracker.states(true)).extracting(ContainerState::name, ContainerState::status)
                .containsExactly(tuple("web", "service without a task: 0 replicas wanted"));
    }

    @Test
    void anUnselectedServiceCostsOneRead() {
        api.put(service("db", 1, Map.of("com.example.type", "db")));

        tracker.serviceChanged("db", 0);

        assertThat(api.requests).isEqualTo(1);
        assertThat(tracker.converging()).isFalse();
    }

    @Test
    void aGlobalServiceHasConvergedWhenEveryTaskMeantToRunRuns() {
        SwarmService global = new SwarmService("agent", "agent", WEB, OptionalInt.empty(), false, Set.of());

        assertThat(SwarmTracker.converged(global, List.of(task("a", "agent", 0, "running", "running", "10.0.1.4"),
                task("b", "agent", 0, "running", "shutdown", "10.0.1.5")))).isTrue();
        assertThat(SwarmTracker.converged(global, List.of(task("a", "agent", 0, "running", "running", "10.0.1.4"),
                task("c", "agent", 0, "preparing", "running", "10.0.1.6")))).isFalse();
    }
}
