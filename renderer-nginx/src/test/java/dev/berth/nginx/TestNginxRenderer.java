package dev.berth.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.testing.Golden;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.UsageException;
import dev.berth.core.template.TemplateEngine;
import dev.berth.core.testing.RendererContract;
import dev.berth.core.testing.Snapshots;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The renderer contract (golden files, determinism, user template, strictness, docs) for nginx. */
final class TestNginxRenderer extends RendererContract {

    static final Golden GOLDEN = new Golden(NginxRendererFactory.class, ".conf");

    TestNginxRenderer() {
        super(new NginxRendererFactory(), GOLDEN, NginxRendererFactory.BUILT_IN_TEMPLATE);
    }

    static Renderer withRoutes(String... options) {
        Map<String, List<String>> values = new HashMap<>(Map.of(NginxRendererFactory.ROUTES, List.of("true")));
        for (int i = 0; i < options.length; i += 2) {
            values.put(options[i], List.of(options[i + 1]));
        }
        return new NginxRendererFactory().create(new RendererContext(new TemplateEngine(), Optional.empty(), new PluginOptions(values)));
    }

    @Test
    void nginxReloadsOnHupAndTakesTheRoutesOptions() {
        assertThat(factory().reloadSignal()).isEqualTo("HUP");
        assertThat(factory().options()).extracting(PluginOption::name).containsExactly("--routes", "--routes-port");
        assertThat(factory().options().get(0).flag()).isTrue();
        assertThat(factory().options().get(1).defaultValue()).isEqualTo("80");
    }

    @Test
    void withoutRoutesTheOutputIsUpstreamsOnlyWhateverTheLabels() {
        assertThat(builtIn().render(Snapshots.routed())).doesNotContain("server {").doesNotContain("map ");
        assertThat(withRoutes(NginxRendererFactory.ROUTES, "false").render(Snapshots.routed()))
                .isEqualTo(builtIn().render(Snapshots.routed()));
    }

    @Test
    void withRoutesRendersAServerPerHostALocationPerPathAndADefaultServer() {
        assertThat(withRoutes().render(Snapshots.routed())).isEqualTo(GOLDEN.read(Golden.ROUTED));
    }

    @Test
    void theRoutesPortIsConfigurableAndChecked() {
        assertThat(withRoutes(NginxRendererFactory.ROUTES_PORT, "8080").render(Snapshots.routed()))
                .contains("    listen 8080 default_server;\n").contains("    listen 8080;\n").doesNotContain("listen 80;");
        assertThatThrownBy(() -> withRoutes(NginxRendererFactory.ROUTES_PORT, "80;"))
                .isInstanceOf(UsageException.class).hasMessage("--routes-port '80;' is not valid: expected a port from 1 to 65535");
        assertThatThrownBy(() -> withRoutes(NginxRendererFactory.ROUTES_PORT, "65536")).isInstanceOf(UsageException.class);
    }
}
