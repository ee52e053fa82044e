package dev.berth.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Health;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.template.TemplateEngine;
import dev.berth.core.testing.Golden;
import dev.berth.core.testing.RendererContract;
import dev.berth.core.testing.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void haproxyReloadsOnUsr2AndTakesItsRuntimeOptions() {
        assertThat(factory().reloadSignal()).isEqualTo("USR2");
        assertThat(factory().options()).extracting(PluginOption::name)
                .containsExactly("--no-runtime-api", "--runtime-socket", "--server-slots");
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
    void withTheRuntimeApiEveryBackendHasSixteenSlotsAndTheFileDeclaresTheAdminSocket() {
        String config = builtIn().render(Snapshots.twoUpstreamsSnapshot());

        assertThat(config).contains("    stats socket /usr/local/etc/haproxy/haproxy.sock mode 666 level admin\n");
        assertThat(config.lines().filter(line -> line.startsWith("    server slot"))).hasSize(32);
        assertThat(config).containsPattern("    server slot[0-9]+ 172\\.18\\.0\\.4:80 check weight 5  # web-2\n")
                .containsPattern("    server slot[0-9]+ 127\\.0\\.0\\.1:1 check disabled\n");
    }

    @Test
    void aGroupLargerThanTheSlotsGetsTheNextPowerOfTwo() {
        var options = new PluginOptions(Map.of("--server-slots", List.of("4")));
        var backends = java.util.stream.IntStream.rangeClosed(1, 5)
                .mapToObj(i -> Snapshots.backend("web-" + i, "10.0.0." + i, 80, 0, false)).toList();
        String config = factory().create(new RendererContext(new TemplateEngine(), Optional.empty(), options))
                .render(new Snapshot(List.of(new Upstream("web", backends)), List.of()));

        assertThat(config.lines().filter(line -> line.startsWith("    server slot"))).hasSize(8);
        assertThat(config.lines().filter(line -> line.endsWith(" disabled"))).hasSize(3);
    }

    @Test
    void withoutTheRuntimeApiServerNamesComeFromContainerNamesAndStayUniqueInABackend() {
        var options = new PluginOptions(Map.of("--no-runtime-api", List.of("true")));
        var snapshot = new Snapshot(List.of(new Upstream("web", List.of(
                new Backend("aaaaaaaaaaaa1111", "web_1", "172.18.0.3", 80, 0, false, Health.NONE, new TreeMap<>()),
                new Backend("bbbbbbbbbbbb2222", "web_1", "172.18.0.4", 80, 0, false, Health.NONE, new TreeMap<>()),
                new Backend("cccccccccccc3333", "web_2.x", "172.18.0.5", 80, 0, false, Health.NONE, new TreeMap<>())))),
                List.of());
        String config = factory().create(new RendererContext(new TemplateEngine(), Optional.empty(), options)).render(snapshot);
        assertThat(config).doesNotContain("stats socket").doesNotContain("disabled");
        assertThat(config)
                .contains("    server web_1_aaaaaaaaaaaa 172.18.0.3:80 check\n")
                .contains("    server web_1_bbbbbbbbbbbb 172.18.0.4:80 check\n")
                .contains("    server web_2.x 172.18.0.5:80 check\n");
    }

    @Test
    void aUserTemplateSeesTheServerSlotsAndTheSocket(@TempDir Path dir) throws IOException {
        var renderer = withTemplate(dir, "{{ options.runtime_socket }}\n{% for u in upstreams %}{{ u.name }}:"
                + "{% for b in u.backends %} {{ b.server_name }}={{ b.name }}{% endfor %} free {{ u.free_slots|length }}\n{% endfor %}");
        assertThat(renderer.render(Snapshots.twoUpstreamsSnapshot()))
                .matches("/usr/local/etc/haproxy/haproxy.sock\napi.v2: slot[0-9]+=api-1 slot[0-9]+=api-2 free 14\n"
                        + "web: slot[0-9]+=web-1 slot[0-9]+=web-2 slot[0-9]+=web-3 slot[0-9]+=web-spare free 12\n");
    }
}
