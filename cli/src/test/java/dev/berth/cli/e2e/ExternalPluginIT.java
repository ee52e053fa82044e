package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party renderer, written, compiled and jarred outside Berth's modules, is used by the
 * released berth jar once its folder is given with {@code --plugin-path} or {@code BERTH_PLUGIN_PATH}:
 * nothing in Berth knows of it.
 */
final class ExternalPluginIT {

    private static final String LINES_PLUGIN = "com.example.berth.lines.LinesPlugin";

    /** One line per container: "PREFIXgroup address:port", with a plugin option for the prefix. */
    private static final String LINES_SOURCE = """
            package com.example.berth.lines;

            import dev.berth.core.model.Backend;
            import dev.berth.core.model.Upstream;
            import dev.berth.core.spi.Plugin;
            import dev.berth.core.spi.PluginOption;
            import dev.berth.core.spi.Renderer;
            import dev.berth.core.spi.RendererContext;
            import dev.berth.core.spi.RendererFactory;
            import java.util.List;

            public final class LinesPlugin implements Plugin {
                @Override
                public List<RendererFactory> rendererFactories() {
                    return List.of(new RendererFactory() {
                        public String name() { return "lines"; }
                        public String description() { return "one line per container, for scripts"; }
                        public String reloadSignal() { return "HUP"; }
                        public List<PluginOption> options() {
                            return List.of(PluginOption.single("--lines-prefix", "TEXT", "put TEXT before every line"));
                        }
                        public Renderer create(RendererContext context) {
                            String prefix = context.options().get("--lines-prefix").orElse("");
                            return snapshot -> {
                                StringBuilder text = new StringBuilder();
                                for (Upstream upstream : snapshot.upstreams()) {
                                    for (Backend backend : upstream.backends()) {
                                        text.append(prefix).append(upstream.name()).append(' ')
                                                .append(backend.address()).append(':').append(backend.port()).append('\\n');
                                    }
                                }
                                return text.toString();
                            };
                        }
                    });
                }
            }
            """;

    private static DockerClient docker;
    private static Path berthJar;

    @TempDir
    static Path pluginBuild;

    private static Path pluginDir;

    @TempDir
    Path work;

    private Topology topology;

    @BeforeAll
    static void machineAndPlugin() throws IOException {
        docker = Prerequisites.dockerWithNginxAndBusybox();
        berthJar = Prerequisites.berthJar();
        TestImages.backend(docker);
        pluginDir = Files.createDirectories(pluginBuild.resolve("plugins"));
        new PluginJar().source(LINES_PLUGIN, LINES_SOURCE).plugin(LINES_PLUGIN)
                .build(berthJar, pluginBuild, pluginDir.resolve("berth-lines-1.0.jar"));
    }

    @BeforeEach
    void network() {
        topology = Topology.create(docker);
    }

    @AfterEach
    void removeEverything() {
        topology.close();
    }

    @Test
    void pluginsListsTheExternalRendererAndItsOptionBesideTheBuiltInOnes() {
        BerthCli.Result result = new BerthCli(berthJar, work).run("--plugin-path", pluginDir.toString(), "plugins");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).as("%s", result)
                .containsPattern("(?m)^  lines +one line per container, for scripts \\(reloads on SIGHUP\\)$")
                .contains("--lines-prefix TEXT", "put TEXT before every line")
                .containsPattern("(?m)^  nginx ").containsPattern("(?m)^  haproxy ").containsPattern("(?m)^  signal ");
    }

    @Test
    void renderUsesTheExternalRendererWithItsOptionAgainstRealContainers() {
        WebContainer one = topology.startWeb();
        WebContainer two = topology.startWeb();

        BerthCli.Result result = new BerthCli(berthJar, work).run(
                "--plugin-path", pluginDir.toString(),
                "render", "--renderer", "lines", "--lines-prefix", "backend=",
                "--select", "com.ameyalokare.type=web", "--network", topology.network(), "--port", "5090");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout().lines()).as("%s", result)
                .containsExactlyInAnyOrder("backend=web " + one.address(), "backend=web " + two.address());
    }

    @Test
    void theEnvironmentVariableAddsThePluginsAsTheOptionDoes() {
        WebContainer one = topology.startWeb();

        BerthCli.Result result = new BerthCli(berthJar, work)
                .withEnvironment("BERTH_PLUGIN_PATH", pluginDir.toString())
                .run("render", "--renderer", "lines",
                        "--select", "com.ameyalokare.type=web", "--network", topology.network(), "--port", "5090");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout().lines()).as("%s", result).containsExactly("web " + one.address());
    }

    @Test
    void aPluginTakingABuiltInNameIsAnErrorNamingBothJars() {
        Path dir = work.resolve("copycat");
        Path copycat = new PluginJar()
                .source("com.example.copycat.CopycatPlugin", """
                        package com.example.copycat;

                        import dev.berth.core.spi.Plugin;
                        import dev.berth.core.spi.Renderer;
                        import dev.berth.core.spi.RendererContext;
                        import dev.berth.core.spi.RendererFactory;
                        import java.util.List;

                        public final class CopycatPlugin implements Plugin {
                            @Override
                            public List<RendererFactory> rendererFactories() {
                                return List.of(new RendererFactory() {
                                    public String name() { return "nginx"; }
                                    public String description() { return "another nginx"; }
                                    public String reloadSignal() { return "HUP"; }
                                    public Renderer create(RendererContext context) { return snapshot -> ""; }
                                });
                            }
                        }
                        """)
                .plugin("com.example.copycat.CopycatPlugin")
                .build(berthJar, work, dir.resolve("copycat.jar"));

        BerthCli.Result result = new BerthCli(berthJar, work).run("--plugin-path", dir.toString(), "plugins");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.stderrLines()).as("%s", result).singleElement(STRING)
                .startsWith("berth: two plugins provide the renderer 'nginx': ")
                .contains(berthJar.getFileName().toString(), copycat.toString());
    }

    @Test
    void aMissingPluginDirectoryIsAOneLineUsageError() {
        Path missing = work.resolve("no-such-dir");

        BerthCli.Result result = new BerthCli(berthJar, work)
                .withEnvironment("BERTH_PLUGIN_PATH", missing.toString())
                .run("plugins");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.stderrLines()).as("%s", result)
                .containsExactly("berth: BERTH_PLUGIN_PATH=" + missing + ": no such directory");
    }

    @Test
    void aCorruptJarIsAOneLineErrorNamingIt() throws IOException {
        Path dir = Files.createDirectories(work.resolve("corrupt"));
        byte[] whole = Files.readAllBytes(pluginDir.resolve("berth-lines-1.0.jar"));
        Path corrupt = Files.write(dir.resolve("half-downloaded.jar"), Arrays.copyOf(whole, whole.length / 2));

        BerthCli.Result result = new BerthCli(berthJar, work).run("--plugin-path", dir.toString(), "plugins");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.stderrLines()).as("%s", result).singleElement(STRING)
                .startsWith("berth: cannot read the plugin jar " + corrupt + ": ");
    }

    @Test
    void aJarListingAPluginClassItLacksIsAOneLineErrorNamingTheJar() {
        Path dir = work.resolve("incomplete");
        Path incomplete = new PluginJar().plugin("com.example.Forgotten").build(berthJar, work, dir.resolve("incomplete.jar"));

        BerthCli.Result result = new BerthCli(berthJar, work).run("--plugin-path", dir.toString(), "plugins");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.stderrLines()).as("%s", result).singleElement(STRING)
                .startsWith("berth: cannot load a plugin: ")
                .endsWith("com.example.Forgotten not found (listed in " + incomplete + ")");
    }
}
