package dev.berth.core.testing;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Health;
import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.Plugin;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.template.TemplateEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every template renderer must do, whatever its proxy: render its golden files, the same bytes
 * for the same snapshot, the user's template in place of its own, strictly. A renderer module's
 * test class extends this and adds what is particular to its proxy.
 */
public abstract class RendererContract {

    /** Where a renderer module (one level below the root) finds the templates page. */
    private static final Path DOCS = Path.of("../docs/templates.md");

    private final RendererFactory factory;
    private final Golden golden;
    private final String builtInTemplate;

    /**
     * @param factory the factory under test; its plugin must be the only one on the test class path
     * @param golden the expected outputs of the built-in template
     * @param builtInTemplate the built-in template's resource name, next to the factory's class
     */
    protected RendererContract(RendererFactory factory, Golden golden, String builtInTemplate) {
        this.factory = requireNonNull(factory, "factory");
        this.golden = requireNonNull(golden, "golden");
        this.builtInTemplate = requireNonNull(builtInTemplate, "builtInTemplate");
    }

    protected final RendererFactory factory() {
        return factory;
    }

    protected final Renderer builtIn() {
        return factory().create(context(Optional.empty()));
    }

    /** A renderer that uses this text, written to {@code dir}/user.j2, as the user's --template. */
    protected final Renderer withTemplate(Path dir, String text) throws IOException {
        return factory().create(context(Optional.of(Files.writeString(dir.resolve("user.j2"), text))));
    }

    private static RendererContext context(Optional<Path> userTemplate) {
        return new RendererContext(new TemplateEngine(), userTemplate, PluginOptions.NONE);
    }

    @Test
    public void rendersUpstreamsWithWeightBackupAndIpv6() {
        assertThat(builtIn().render(Snapshots.twoUpstreamsSnapshot())).isEqualTo(golden.read(Golden.TWO_UPSTREAMS));
    }

    @Test
    public void rendersAnUpstreamWithNoBackend() {
        assertThat(builtIn().render(Snapshots.emptyUpstreamSnapshot())).isEqualTo(golden.read(Golden.EMPTY_UPSTREAM));
    }

    @Test
    public void rendersAnEmptySnapshot() {
        assertThat(builtIn().render(Snapshot.EMPTY)).isEqualTo(golden.read(Golden.EMPTY_SNAPSHOT));
    }

    @Test
    public void sameSnapshotBuiltInAnyOrderRendersTheSameBytes() {
        Renderer renderer = builtIn();
        String forward = renderer.render(Snapshots.twoUpstreamsSnapshot());
        assertThat(renderer.render(Snapshots.twoUpstreamsReversed())).isEqualTo(forward);
        assertThat(renderer.render(Snapshots.twoUpstreamsSnapshot())).isEqualTo(forward);
    }

    @Test
    public void aUserTemplateReplacesTheBuiltInOne(@TempDir Path dir) throws IOException {
        Renderer renderer = withTemplate(dir, "{% for u in upstreams %}{{ u.name }}={{ u.backends|length }}\n{% endfor %}");
        assertThat(renderer.render(Snapshots.twoUpstreamsSnapshot())).isEqualTo("api.v2=2\nweb=4\n");
    }

    @Test
    public void aLabelValueIsNeverInterpretedAsATemplate(@TempDir Path dir) throws IOException {
        Renderer renderer = withTemplate(dir,
                "{% for u in upstreams %}{% for b in u.backends %}{{ b.labels['x'] }}\n{% endfor %}{% endfor %}");
        var backend = new Backend("abc", "web-1", "172.18.0.3", 80, 0, false, Health.NONE,
                new TreeMap<>(Map.of("x", "{{ 7*7 }}{% include '/etc/passwd' %}")));
        assertThat(renderer.render(Snapshots.single("web", backend))).isEqualTo("{{ 7*7 }}{% include '/etc/passwd' %}\n");
    }

    @Test
    public void anUnknownVariableFailsNamingTheTemplateAndLine(@TempDir Path dir) throws IOException {
        Renderer renderer = withTemplate(dir, "# header\n\n{{ nope }}\n");
        assertThatThrownBy(() -> renderer.render(Snapshots.twoUpstreamsSnapshot()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("user.j2").toAbsolutePath().normalize().toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("nope");
    }

    @Test
    public void aMissingUserTemplateFailsWhenTheRendererIsCreated(@TempDir Path dir) {
        Path missing = dir.resolve("missing.j2");
        assertThatThrownBy(() -> factory().create(context(Optional.of(missing))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    public void serviceLoaderFindsThisRendererAloneAndNoReloader() {
        var plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(plugins).flatExtracting(Plugin::rendererFactories)
                .extracting(RendererFactory::name).containsExactly(factory().name());
        assertThat(plugins).flatExtracting(Plugin::reloaderFactories).isEmpty();
        assertThat(factory().description()).isNotBlank().doesNotContain("\n");
    }

    /** docs/templates.md shows the built-in template and its output in full; this keeps them in step. */
    @Test
    public void docsShowTheBuiltInTemplateAndItsOutputVerbatim() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        String template;
        try (InputStream in = factory().getClass().getResourceAsStream(builtInTemplate)) {
            assertThat(in).as("built-in template %s", builtInTemplate).isNotNull();
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(docs).contains("```jinja\n" + template + "```\n");
        assertThat(docs).contains("\n" + golden.read(Golden.TWO_UPSTREAMS) + "```\n");
    }
}
