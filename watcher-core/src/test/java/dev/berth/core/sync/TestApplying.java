package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.docker.Foresight;
import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.NetworkEndpoint;
import dev.berth.core.model.Snapshot;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.registry.ServingPolicy;
import dev.berth.core.source.BackendSource;
import dev.berth.core.source.SourceRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A batch of changes goes into the registry: signals in order, full reads, further sources, one inspection per container. */
final class TestApplying {

    private static final Selection WEB = new Selection(List.of(LabelFilter.parse("com.example.type=web")),
            new LabelSchema("berth."), Optional.empty(), OptionalInt.empty(), new TreeSet<>());

    private final FakeEngine engine = new FakeEngine();
    private final List<String> proxyNetworksAsked = new ArrayList<>();

    private Applying applying(ServingPolicy policy) {
        return new Applying(new Registry(WEB, policy), engine, new SourcedBackends(), policy, () -> {
            proxyNetworksAsked.add("asked");
            return Set.of();
        });
    }

    private final Applying applying = applying(ServingPolicy.DEFAULT);

    private static ContainerState web(String id, String ip) {
        return ContainerState.of(id, "web-" + id, "running", Map.of("com.example.type", "web", "berth.upstream", "web"),
                List.of(new NetworkEndpoint("webnet", ip, "")), Set.of(5090), Health.NONE);
    }

    private static Task event(String action, String id) {
        return new Task.Changed(new ContainerEvent(action, id), 0);
    }

    private static Task sigterm(String id) {
        return new Task.Changed(new ContainerEvent("kill", id, Map.of("signal", "15")), 0);
    }

    private static List<String> endpoints(Snapshot snapshot) {
        return snapshot.upstreams().stream().flatMap(u -> u.backends().stream()).map(Backend::endpoint).sorted().toList();
    }

    @Test
    void aContainerToldToStopLeavesAlthoughInspectStillSeesItRunning() {
        engine.running(web("c1", "10.0.0.2"));
        applying.apply(List.of(event("start", "c1")), false);

        Applying.Applied applied = applying.apply(List.of(sigterm("c1")), false);

        assertThat(applied.changed()).isTrue();
        assertThat(endpoints(applying.snapshot())).isEmpty();
        assertThat(applying.apply(List.of(event("start", "c1")), false).changed()).as("started again").isTrue();
        assertThat(endpoints(applying.snapshot())).containsExactly("10.0.0.2:5090");
    }

    @Test
    void signalsTakeEffectInTheOrderTheyCame() {
        engine.running(web("c1", "10.0.0.2"));
        applying.apply(List.of(event("start", "c1")), false);

        applying.apply(List.of(sigterm("c1"), event("start", "c1")), false);

        assertThat(endpoints(applying.snapshot())).as("the start came after the signal").containsExactly("10.0.0.2:5090");
    }

    @Test
    void withoutDrainingAStopSignalChangesNothingUntilTheContainerExits() {
        Applying notDraining = applying(new ServingPolicy(false, Set.of()));
        engine.running(web("c1", "10.0.0.2"));
        notDraining.apply(List.of(event("start", "c1")), false);

        assertThat(notDraining.apply(List.of(sigterm("c1")), false).changed()).isFalse();
        assertThat(endpoints(notDraining.snapshot())).containsExactly("10.0.0.2:5090");
    }

    @Test
    void aResyncReadsEverythingAgainInsteadOfTheChangesBeforeIt() {
        engine.running(web("c1", "10.0.0.2"));
        engine.running(web("c2", "10.0.0.3"));
        engine.listed.add(web("c1", "10.0.0.2"));

        Applying.Applied applied = applying.apply(List.of(event("start", "c2"), new Task.Resync("reconnected")), false);

        assertThat(applied.changed()).isTrue();
        assertThat(engine.inspected).as("nothing inspected one by one").isEmpty();
        assertThat(proxyNetworksAsked).hasSize(1);
        assertThat(endpoints(applying.snapshot())).containsExactly("10.0.0.2:5090");
        assertThat(applying.apply(List.of(new Task.Resync("again")), false).changed())
                .as("a resync is always put into effect: the file may have been edited by hand").isTrue();
    }

    @Test
    void aFurtherSourcesSetGoesInBesideTheEnginesContainersAndOutlivesAResync() {
        BackendSource swarm = new NamedSource("swarm");
        engine.listed.add(web("c1", "10.0.0.2"));

        assertThat(applying.apply(List.of(new Task.SourceChanged(swarm, new SourceRead(List.of(web("t1", "10.0.1.4")), false, false), 0)),
                false).changed()).isTrue();
        applying.apply(List.of(new Task.Resync("reconnected")), false);

        assertThat(endpoints(applying.snapshot())).containsExactly("10.0.0.2:5090", "10.0.1.4:5090");
    }

    @Test
    void aLoneContainerJustConnectedIsForeseenAndInspectedAtItsStart() {
        engine.starting(web("c2", "10.0.0.3"));

        Applying.Applied connected = applying.apply(List.of(event("connect", "c2")), true);

        assertThat(connected).isEqualTo(new Applying.Applied(false, true, false));
        assertThat(engine.inspected).isEmpty();
        assertThat(applying.foreseeing()).isTrue();
        assertThat(endpoints(applying.foreseen())).containsExactly("10.0.0.3:5090");
        assertThat(endpoints(applying.snapshot())).isEmpty();

        engine.running(web("c2", "10.0.0.3"));
        Applying.Applied started = applying.apply(List.of(event("start", "c2")), false);

        assertThat(started).isEqualTo(new Applying.Applied(true, false, true));
        assertThat(applying.foreseeing()).isFalse();
        assertThat(endpoints(applying.snapshot())).containsExactly("10.0.0.3:5090");
    }

    @Test
    void containersConnectedTogetherOrNotAfterQuietAreInspectedNotForeseen() {
        engine.starting(web("c2", "10.0.0.3"));
        engine.starting(web("c3", "10.0.0.4"));

        applying.apply(List.of(event("connect", "c2"), event("connect", "c3")), true);
        applying.apply(List.of(event("connect", "c2")), false);

        assertThat(engine.foreseen).isEmpty();
        assertThat(engine.inspected).containsExactly("c2", "c3", "c2");
        assertThat(applying.foreseeing()).isFalse();
    }

    /** Answers from what a test put in, and records what was asked. */
    private static final class FakeEngine implements EngineContainers {
        final List<ContainerState> listed = new ArrayList<>();
        final Map<String, ContainerState> running = new HashMap<>();
        final Map<String, ContainerState> starting = new HashMap<>();
        final List<String> inspected = new ArrayList<>();
        final List<String> foreseen = new ArrayList<>();

        void running(ContainerState state) {
            starting.remove(state.id());
            running.put(state.id(), state);
        }

        void starting(ContainerState state) {
            starting.put(state.id(), state);
        }

        @Override
        public List<ContainerState> listSelected() {
            return List.copyOf(listed);
        }

        @Override
        public Optional<ContainerState> inspect(String containerId) {
            inspected.add(containerId);
            return Optional.ofNullable(running.get(containerId));
        }

        @Override
        public Foresight foresee(String containerId) {
            foreseen.add(containerId);
            ContainerState state = starting.get(containerId);
            return state != null ? new Foresight.Starting(state) : new Foresight.Inspect();
        }
    }
}
