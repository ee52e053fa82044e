package dev.berth.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.Plugin;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestPluginCatalog {

    private record NamedRenderer(String name, List<PluginOption> options) implements RendererFactory {
        @Override
        public String description() {
            return "test renderer " + name;
        }

        @Override
        public String reloadSignal() {
            return "HUP";
        }

        @Override
        public Renderer create(RendererContext context) {
            return snapshot -> name;
        }
    }

    private static Plugin plugin(RendererFactory... factories) {
        return new Plugin() {
            @Override
            public List<RendererFactory> rendererFactories() {
                return List.of(factories);
            }
        };
    }

    @Test
    void listsFactoriesByName() {
        PluginCatalog catalog = PluginCatalog.of(List.of(
                plugin(new NamedRenderer("b", List.of())), plugin(new NamedRenderer("a", List.of()))));

        assertThat(catalog.renderers()).containsOnlyKeys("a", "b");
        assertThat(catalog.renderers().firstKey()).isEqualTo("a");
    }

    @Test
    void twoPluginsWithOneNameFailNamingBoth() {
        assertThatThrownBy(() -> PluginCatalog.of(List.of(
                plugin(new NamedRenderer("nginx", List.of())), plugin(new NamedRenderer("nginx", List.of())))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("renderer 'nginx'")
                .hasMessageContaining(NamedRenderer.class.getName());
    }

    @Test
    void twoPluginsDeclaringOneOptionFail() {
        PluginOption option = PluginOption.single("--flavour", "NAME", "test");

        assertThatThrownBy(() -> PluginCatalog.of(List.of(
                plugin(new NamedRenderer("a", List.of(option))), plugin(new NamedRenderer("b", List.of(option))))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--flavour");
    }

    @Test
    void findsTheProjectsOwnPluginsWithServiceLoaderNone() {
        // watcher-core holds the SPI only: no plugin is registered in this module.
        assertThat(new PluginLoader(getClass().getClassLoader()).load()).isEmpty();
    }

    @Test
    void contributesFactoriesToGuiceMapsKeyedByName() {
        RendererFactory factory = new NamedRenderer("a", List.of());
        var injector = Guice.createInjector(new PluginModule(PluginCatalog.of(List.of(plugin(factory)))));

        Map<String, RendererFactory> renderers = injector.getInstance(Key.get(new TypeLiteral<Map<String, RendererFactory>>() { }));

        assertThat(renderers).containsExactly(Map.entry("a", factory));
    }
}
