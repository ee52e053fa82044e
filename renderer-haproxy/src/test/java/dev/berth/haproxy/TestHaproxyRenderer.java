package dev.berth.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Health;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.testing.Golden;
import dev.berth.core.testing.RendererContract;
import dev.berth.core.testing.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer contract (golden files, determinism, user template, strictness, docs) for HAProxy, and server names. */
final class TestHaproxyRenderer extends RendererContract {

    static final Golden GOLDEN = new Golden(HaproxyRendererFactory.class, ".cfg");

    TestHaproxyRenderer() {
        super(new HaproxyRendererFactory(), GOLDEN, HaproxyRendererFactory.BUILT_IN_TEMPLATE);
    }

    @Test
    void haproxyReloadsOnUsr2AndTakesNoOptions() {
        assertThat(factory().reloadSignal()).isEqualTo("USR2");
        assertThat(factory().options()).isEmpty();
    }

    @Test
    void groupsWithRoutesAreReachedByHostAndLongestPathAndAnUnknownHostGets503() {
        String config = builtIn().render(Snapshots.routed());

        assertThat(config).isEqualTo(GOLDEN.read(Golden.ROUTED)).doesNotContain("default_backend");
    }

    @Test
    void withoutRoutesEveryRequestGoesToTheFirstGroupAsBefore() {
        assertThat(builtIn().render(Snapshots.twoUpstreamsSnapshot())).contains("    default_backend api.v2\n")
                .doesNotContain("use_backend").doesNotContain("berth:no-route");
    }

    @Test
    void serverNamesComeFromContainerNamesAndStayUniqueInABackend() {
        var snapshot = new Snapshot(List.of(new Upstream("web", List.of(
                new Backend("aaaaaaaaaaaa1111", "web_1", "172.18.0.3", 80, 0, false, Health.NONE, new TreeMap<>()),
                new Backend("bbbbbbbbbbbb2222", "web_1", "172.18.0.4", 80, 0, false, Health.NONE, new TreeMap<>()),
                new Backend("cccccccccccc3333", "web_2.x", "172.18.0.5", 80, 0, false, Health.NONE, new TreeMap<>())))),
                List.of());
        assertThat(builtIn().render(snapshot))
                .contains("    server web_1_aaaaaaaaaaaa 172.18.0.3:80 check\n")
                .contains("    server web_1_bbbbbbbbbbbb 172.18.0.4:80 check\n")
                .contains("    server web_2.x 172.18.0.5:80 check\n");
    }

    @Test
    void aUserTemplateSeesTheServerName(@TempDir Path dir) throws IOException {
        var renderer = withTemplate(dir,
                "{% for u in upstreams %}{% for b in u.backends %}{{ b.server_name }} {{ b.name }}\n{% endfor %}{% endfor %}");
        assertThat(renderer.render(Snapshots.twoUpstreamsSnapshot()))
                .isEqualTo("api-1 api-1\napi-2 api-2\nweb-1 web-1\nweb-2 web-2\nweb-3 web-3\nweb-spare web-spare\n");
    }
}
