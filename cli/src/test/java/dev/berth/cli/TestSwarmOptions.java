package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.BerthSettings;
import dev.berth.core.plugin.PluginCatalog;
import dev.berth.core.plugin.PluginLoader;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.swarm.SwarmMode;
import dev.berth.core.swarm.SwarmSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --swarm's optional value and --swarm-manager, from the command line and the environment. */
final class TestSwarmOptions {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private SwarmSettings swarm(Map<String, String> environment, String... args) {
        PluginCatalog catalog = PluginCatalog.of(new PluginLoader(getClass().getClassLoader()).load());
        CommandLine commandLine = Main.commandLine(catalog, new EnvironmentDefaults(environment), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        String[] renderArgs = new String[args.length + 3];
        renderArgs[0] = "render";
        renderArgs[1] = "--select";
        renderArgs[2] = "com.example.type=web";
        System.arraycopy(args, 0, renderArgs, 3, args.length);
        commandLine.parseArgs(renderArgs);
        RenderCommand render = commandLine.getSubcommands().get("render").getCommand();
        BerthSettings settings = render.selection.settings("signal", Optional.empty(), PluginOptions.NONE);
        return settings.swarm();
    }

    @Test
    void offUnlessAsked() {
        assertThat(swarm(Map.of())).isEqualTo(SwarmSettings.OFF);
    }

    @Test
    void aBareSwarmServesServicesOnly() {
        assertThat(swarm(Map.of(), "--swarm").mode()).isEqualTo(SwarmMode.SERVICES);
        assertThat(swarm(Map.of(), "--swarm=services").mode()).isEqualTo(SwarmMode.SERVICES);
        assertThat(swarm(Map.of("BERTH_SWARM", "true")).mode()).isEqualTo(SwarmMode.SERVICES);
    }

    @Test
    void bothServesStandaloneContainersToo() {
        assertThat(swarm(Map.of(), "--swarm=both").mode()).isEqualTo(SwarmMode.BOTH);
        assertThat(swarm(Map.of("BERTH_SWARM", "both")).mode()).isEqualTo(SwarmMode.BOTH);
    }

    @Test
    void theManagerByOptionOrVariable() {
        assertThat(swarm(Map.of(), "--swarm", "--swarm-manager", "tcp://10.99.0.1:2375").manager()).hasValue("tcp://10.99.0.1:2375");
        assertThat(swarm(Map.of("BERTH_SWARM", "true", "BERTH_SWARM_MANAGER", "unix:///run/manager.sock")).manager())
                .hasValue("unix:///run/manager.sock");
    }
}
