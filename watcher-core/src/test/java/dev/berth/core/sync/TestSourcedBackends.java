package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.NetworkEndpoint;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import dev.berth.core.source.BackendSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A source tells its whole set each time; the registry takes the difference, and keeps other sources' backends. */
final class TestSourcedBackends {

    private final Registry registry = new Registry(new Selection(List.of(LabelFilter.parse("com.example.type=web")),
            new LabelSchema("berth."), Optional.empty(), OptionalInt.empty(), new TreeSet<>()));
    private final SourcedBackends sourced = new SourcedBackends();
    private final BackendSource swarm = new NamedSource("swarm");
    private final BackendSource other = new NamedSource("other");

    private static ContainerState task(String id, String ip) {
        return ContainerState.of(id, "web." + id, "running", Map.of("com.example.type", "web", "berth.upstream", "web"),
                List.of(new NetworkEndpoint("webnet", ip, "")), Set.of(5090), Health.NONE);
    }

    private List<String> endpoints() {
        return registry.snapshot().upstreams().stream().flatMap(u -> u.backends().stream()).map(Backend::endpoint).sorted().toList();
    }

    @Test
    void takesOnlyWhatChangedAndKeepsTheOtherSources() {
        assertThat(sourced.apply(swarm, List.of(task("t1", "10.0.1.4"), task("t2", "10.0.1.5")), registry)).isTrue();
        assertThat(sourced.apply(other, List.of(task("o1", "10.0.2.4")), registry)).isTrue();

        assertThat(sourced.apply(swarm, List.of(task("t1", "10.0.1.4"), task("t2", "10.0.1.5")), registry)).isFalse();
        assertThat(sourced.apply(swarm, List.of(task("t2", "10.0.1.5"), task("t3", "10.0.1.6")), registry)).isTrue();

        assertThat(endpoints()).containsExactly("10.0.1.5:5090", "10.0.1.6:5090", "10.0.2.4:5090");
        assertThat(sourced.all()).extracting(ContainerState::id).containsExactly("t2", "t3", "o1");
    }
}
