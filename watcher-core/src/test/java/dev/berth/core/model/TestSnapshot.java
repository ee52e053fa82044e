package dev.berth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.testing.Snapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestSnapshot {

    @Test
    void rejectsTwoUpstreamsWithOneName() {
        var backend = Snapshots.backend("web-1", "172.18.0.3", 80, 0, false);
        var web = new Upstream("web", List.of(backend));
        var api = new Upstream("api", List.of(backend));
        assertThatThrownBy(() -> new Snapshot(List.of(web, api, new Upstream("web", List.of())), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two upstreams are named 'web'");
    }

    @Test
    void sortsItsUpstreamsByName() {
        assertThat(Snapshots.twoUpstreamsReversed().upstreams()).extracting(Upstream::name).containsExactly("api.v2", "web");
        assertThat(Snapshots.twoUpstreamsReversed()).isEqualTo(Snapshots.twoUpstreamsSnapshot());
        assertThat(Snapshots.twoUpstreamsSnapshot().backendCount()).isEqualTo(6);
    }
}
