package dev.berth.core.swarm;

import static dev.berth.core.swarm.FakeSwarmApi.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A Swarm task as a backend: which upstream, which address, which labels, or why it is left out. */
final class TestTaskStates {

    private static Selection selection(Optional<String> network) {
        return new Selection(List.of(LabelFilter.parse("com.example.type=web")), new LabelSchema("berth."),
                network, OptionalInt.empty(), new TreeSet<>());
    }

    private static SwarmService web(Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("com.example.type", "web");
        return new SwarmService("svc1", "shop_web", all, OptionalInt.of(2), false, Set.of(5090));
    }

    private static Snapshot snapshot(Selection selection, SwarmService service, SwarmTask... tasks) {
        TaskStates states = new TaskStates(selection);
        Registry registry = new Registry(selection);
        for (SwarmTask task : tasks) {
            registry.put(states.of(service, task, false));
        }
        return registry.snapshot();
    }

    @Test
    void oneUpstreamPerServiceNamedAfterItAtTheTaskAddressOnTheOverlayNotIngress() {
        Snapshot snapshot = snapshot(selection(Optional.empty()), web(Map.of()),
                task("t1", "svc1", 1, "running", "running", "10.0.1.4"),
                task("t2", "svc1", 2, "running", "running", "10.0.1.5"));

        assertThat(snapshot.upstreams()).extracting(Upstream::name).containsExactly("shop_web");
        assertThat(snapshot.upstreams().get(0).backends()).extracting(Backend::containerName, Backend::endpoint)
                .containsExactly(tuple("shop_web.1.t1", "10.0.1.4:5090"),
                        tuple("shop_web.2.t2", "10.0.1.5:5090"));
    }

    @Test
    void theServiceLabelsNameTheUpstreamPortWeightAndBackup() {
        Snapshot snapshot = snapshot(selection(Optional.of("webnet")),
                web(Map.of("berth.upstream", "shop", "berth.port", "8080", "berth.weight", "3", "berth.backup", "true")),
                task("t1", "svc1", 1, "running", "running", "10.0.1.4"));

        Backend backend = snapshot.upstreams().get(0).backends().get(0);
        assertThat(snapshot.upstreams().get(0).name()).isEqualTo("shop");
        assertThat(backend.endpoint()).isEqualTo("10.0.1.4:8080");
        assertThat(backend.weight()).isEqualTo(3);
        assertThat(backend.backup()).isTrue();
        assertThat(backend.labels()).containsEntry("com.docker.swarm.service.name", "shop_web")
                .containsEntry("com.docker.swarm.task.id", "t1");
    }

    @Test
    void theNetworkMayBeNamedByItsId() {
        Snapshot snapshot = snapshot(selection(Optional.of("webnetid")), web(Map.of()),
                task("t1", "svc1", 1, "running", "running", "10.0.1.4"));

        assertThat(snapshot.upstreams().get(0).backends()).extracting(Backend::endpoint).containsExactly("10.0.1.4:5090");
    }

    @Test
    void ingressIsNeverUsedEvenWhenNamed() {
        Snapshot snapshot = snapshot(selection(Optional.of("ingress")), web(Map.of()),
                task("t1", "svc1", 1, "running", "running", "10.0.1.4"));

        assertThat(snapshot.backendCount()).isZero();
        assertThat(snapshot.exclusions()).extracting(Exclusion::reason)
                .containsExactly("is not on network ingress (--network); it is on [webnet]");
    }

    @Test
    void aTaskNotRunningIsLeftOutWithItsState() {
        Snapshot snapshot = snapshot(selection(Optional.of("webnet")), web(Map.of()),
                task("t1", "svc1", 1, "preparing", "running", "10.0.1.4"),
                task("t2", "svc1", 2, "running", "shutdown", "10.0.1.5"));

        assertThat(snapshot.exclusions()).extracting(Exclusion::containerName, Exclusion::reason).containsExactlyInAnyOrder(
                tuple("shop_web.1.t1", "not running (task preparing)"),
                tuple("shop_web.2.t2", "not running (shutting down: desired state shutdown, task running)"));
    }

    @Test
    void aTaskStoppingOnThisNodeIsLeftOut() {
        Selection selection = selection(Optional.of("webnet"));
        Registry registry = new Registry(selection);
        registry.put(new TaskStates(selection).of(web(Map.of()), task("t1", "svc1", 1, "running", "running", "10.0.1.4"), true));

        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::reason)
                .containsExactly("not running (its container is stopping on this node)");
    }
}
