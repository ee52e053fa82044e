package dev.berth.core.registry;

import static dev.berth.core.registry.Containers.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.ContainerState;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A snapshot rebuilds only the groups a change touched, and is always what a fresh registry would answer. */
final class TestSnapshotReuse {

    private static final Selection SELECTION = new Selection(List.of(LabelFilter.parse("com.example.type=web")),
            new LabelSchema("berth."), Optional.empty(), OptionalInt.empty(), new TreeSet<>());

    private final Registry registry = new Registry(SELECTION);

    private static ContainerState in(String group, String name, String ip) {
        return web(name, ip).label("berth.upstream", group).build();
    }

    private static Upstream upstream(Snapshot snapshot, String name) {
        return snapshot.upstreams().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    /** What a registry that saw only the final states answers. */
    private static Snapshot fresh(ContainerState... containers) {
        Registry fresh = new Registry(SELECTION);
        fresh.replaceAll(List.of(containers));
        return fresh.snapshot();
    }

    @Test
    void aGroupNoChangeTouchedIsTheSameUpstreamAsBefore() {
        registry.put(in("web", "web-1", "172.18.0.2"));
        registry.put(in("api", "api-1", "172.18.0.3"));
        Snapshot before = registry.snapshot();

        registry.put(in("web", "web-2", "172.18.0.4"));
        Snapshot after = registry.snapshot();

        assertThat(upstream(after, "api")).isSameAs(upstream(before, "api"));
        assertThat(upstream(after, "web").backends()).hasSize(2);
        assertThat(after).isEqualTo(fresh(in("web", "web-1", "172.18.0.2"), in("api", "api-1", "172.18.0.3"),
                in("web", "web-2", "172.18.0.4")));
    }

    @Test
    void aContainerThatStopsOrLeavesRebuildsItsGroup() {
        registry.put(in("web", "web-1", "172.18.0.2"));
        registry.put(in("web", "web-2", "172.18.0.3"));
        registry.snapshot();

        registry.put(web("web-1", "172.18.0.2").label("berth.upstream", "web").status("exited").build());
        assertThat(upstream(registry.snapshot(), "web").backends()).extracting(b -> b.containerName()).containsExactly("web-2");

        registry.remove(in("web", "web-2", "172.18.0.3").id());
        assertThat(upstream(registry.snapshot(), "web").backends()).isEmpty();
    }

    @Test
    void aContainerThatMovesRebuildsBothGroups() {
        registry.put(in("blue", "app-1", "172.18.0.2"));
        registry.put(in("green", "app-2", "172.18.0.3"));
        registry.snapshot();

        registry.put(in("green", "app-1", "172.18.0.2"));

        Snapshot snapshot = registry.snapshot();
        assertThat(upstream(snapshot, "blue").backends()).as("a group once seen stays, empty").isEmpty();
        assertThat(upstream(snapshot, "green").backends()).extracting(b -> b.containerName()).containsExactly("app-1", "app-2");
    }

    @Test
    void theGroupOfNamesThatDifferInCaseFollowsItsMajority() {
        registry.put(in("web", "a", "172.18.0.2"));
        registry.put(in("WEB", "b", "172.18.0.3"));
        registry.put(in("WEB", "c", "172.18.0.4"));
        assertThat(registry.snapshot().upstreams()).extracting(Upstream::name).containsExactly("WEB");

        registry.put(in("web", "c", "172.18.0.4"));

        Snapshot snapshot = registry.snapshot();
        assertThat(snapshot.upstreams()).extracting(Upstream::name).containsExactly("web");
        assertThat(upstream(snapshot, "web").backends()).extracting(b -> b.containerName()).containsExactly("a", "c");
    }
}
