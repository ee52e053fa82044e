package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.spi.PluginOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every option from an environment variable, as Compose users give them; the environment is a map here. */
final class TestEnvironmentOptions {

    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    private CommandLine commandLine(Map<String, String> environment) {
        return cli.commandLine(environment);
    }

    private WatchCommand watch(Map<String, String> environment, String... args) {
        CommandLine commandLine = commandLine(environment);
        String[] watchArgs = new String[args.length + 1];
        watchArgs[0] = "watch";
        System.arraycopy(args, 0, watchArgs, 1, args.length);
        commandLine.parseArgs(watchArgs);
        return commandLine.getSubcommands().get("watch").getCommand();
    }

    private static final Map<String, String> REQUIRED = Map.of("BERTH_SELECT", "com.example.type=web", "BERTH_OUTPUT", "web.conf");

    private static Map<String, String> required(String name, String value) {
        Map<String, String> environment = new HashMap<>(REQUIRED);
        environment.put(name, value);
        return environment;
    }

    @Test
    void theVariableIsBerthAndTheLongOptionInCapitals() {
        WatchCommand watch = watch(Map.of(
                "BERTH_SELECT", "com.ameyalokare.type=web",
                "BERTH_NETWORK", "web_nw",
                "BERTH_PORT", "5090",
                "BERTH_OUTPUT", "conf.d/web.conf",
                "BERTH_LABEL_PREFIX", "acme.",
                "BERTH_PING_INTERVAL", "7"));

        assertThat(watch.selection.select).containsExactly("com.ameyalokare.type=web");
        assertThat(watch.selection.network).isEqualTo("web_nw");
        assertThat(watch.selection.port).isEqualTo(5090);
        assertThat(watch.output).isEqualTo(Path.of("conf.d/web.conf"));
        assertThat(watch.selection.labelPrefix).isEqualTo("acme.");
        assertThat(watch.daemonChecks.pingSeconds).isEqualTo(7);
    }

    @Test
    void aRepeatableOptionTakesOneItemPerLineSoThatAnItemMayHoldAComma() {
        WatchCommand watch = watch(required("BERTH_SELECT", "com.example.type=web\ncom.example.tags=a,b\n"));

        assertThat(watch.selection.select).containsExactly("com.example.type=web", "com.example.tags=a,b");
    }

    @Test
    void aRepeatableOptionOnASingleLineIsCommaSeparated() {
        WatchCommand watch = watch(required("BERTH_UPSTREAM", "web, api"));

        assertThat(watch.selection.upstreams).containsExactly("web", "api");
    }

    @Test
    void aCommaSeparatedOptionTakesItsListFromTheVariableToo() {
        assertThat(watch(required("BERTH_INCLUDE_HEALTH", "starting,unhealthy")).health.includeHealth)
                .containsExactly("starting", "unhealthy");
        assertThat(watch(required("BERTH_INCLUDE_HEALTH", "starting\nunhealthy")).health.includeHealth)
                .containsExactly("starting", "unhealthy");
    }

    @Test
    void aFlagTakesTrueOrFalse() {
        assertThat(watch(required("BERTH_NO_DRAIN", "true")).noDrain).isTrue();
        assertThat(watch(required("BERTH_NO_DRAIN", "FALSE")).noDrain).isFalse();
        assertThat(watch(required("BERTH_NO_CHECK", "True")).sync.noCheck).isTrue();
    }

    @Test
    void aPluginsOptionsHaveVariablesToo() {
        Map<String, String> environment = new HashMap<>(REQUIRED);
        environment.put("BERTH_RELOAD_SELECT", "com.example.type=nginx\ncom.example.env=prod");
        environment.put("BERTH_RELOAD_SIGNAL", "QUIT");

        WatchCommand watch = watch(environment);

        assertThat(watch.spec.findOption("--reload-select").<List<String>>getValue())
                .containsExactly("com.example.type=nginx", "com.example.env=prod");
        assertThat(watch.spec.findOption("--reload-signal").<String>getValue()).isEqualTo("QUIT");
    }

    @Test
    void aPluginsFlagIsOnWhenGivenAloneAndTakesTrueOrFalseFromItsVariable() {
        assertThat(PluginOptionSpecs.valuesOf(watch(REQUIRED, "--routes").spec, List.of(flag())).get("--routes")).hasValue("true");
        assertThat(PluginOptionSpecs.valuesOf(watch(REQUIRED).spec, List.of(flag())).get("--routes")).hasValue("false");
        assertThat(PluginOptionSpecs.valuesOf(watch(required("BERTH_ROUTES", "TRUE")).spec, List.of(flag())).get("--routes")).hasValue("true");
        assertThat(PluginOptionSpecs.valuesOf(watch(required("BERTH_ROUTES", "false")).spec, List.of(flag())).flag("--routes")).isFalse();
        assertThat(PluginOptionSpecs.valuesOf(watch(REQUIRED, "--routes").spec, List.of(flag())).flag("--routes")).isTrue();
        assertThat(PluginOptionSpecs.valuesOf(watch(required("BERTH_ROUTES_PORT", "8080")).spec,
                List.of(PluginOption.single("--routes-port", "N", ""))).get("--routes-port")).hasValue("8080");

        assertThat(cli.run(required("BERTH_ROUTES", "yes"), "watch")).isEqualTo(2);
        assertThat(cli.err()).startsWith("berth: Invalid value for environment variable BERTH_ROUTES: 'yes' is not a boolean");
    }

    @Test
    void aBadRoutesPortIsAUsageErrorNamingTheVariable() {
        assertThat(cli.run(required("BERTH_ROUTES_PORT", "80;"), "render")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("berth: --routes-port '80;' is not valid: expected a port from 1 to 65535 (given by BERTH_ROUTES_PORT)\n");
    }

    private static PluginOption flag() {
        return PluginOption.flag("--routes", "");
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        Map<String, String> environment = new HashMap<>(REQUIRED);
        environment.put("BERTH_NETWORK", "from_env");
        environment.put("BERTH_PORT", "not a number");

        WatchCommand watch = watch(environment, "--network", "from_args", "--port", "80", "--select", "x=y");

        assertThat(watch.selection.network).isEqualTo("from_args");
        assertThat(watch.selection.port).isEqualTo(80);
        assertThat(watch.selection.select).as("the command line's list replaces the variable's").containsExactly("x=y");
    }

    @Test
    void withoutAVariableTheBuiltInDefaultStays() {
        WatchCommand watch = watch(required("BERTH_NETWORK", ""));

        assertThat(watch.selection.network).as("an empty variable counts as unset").isNull();
        assertThat(watch.selection.renderer).isEqualTo("nginx");
        assertThat(watch.daemonChecks.resyncSeconds).isEqualTo(60);
    }

    @Test
    void aValueIsTakenAsItIsWithoutPicocliVariables() {
        WatchCommand watch = watch(required("BERTH_NETWORK", "${env:HOME}$$x"));

        assertThat(watch.selection.network).isEqualTo("${env:HOME}$$x");
    }

    @Test
    void onTheCommandLineARepeatableValueStaysOneItemWhateverItHolds() {
        WatchCommand watch = watch(REQUIRED, "--select", "a=\"x,y\" z", "--select", "b=1,2");

        assertThat(watch.selection.select).containsExactly("a=\"x,y\" z", "b=1,2");
    }

    @Test
    void everyRepeatableOptionOfWatchAndRenderCanTakeAListFromItsVariable() {
        CommandLine commandLine = commandLine(Map.of());
        for (String command : List.of("watch", "render")) {
            for (OptionSpec option : commandLine.getSubcommands().get(command).getCommandSpec().options()) {
                if (option.isMultiValue()) {
                    assertThat("a\0b".split(option.splitRegex())).as(command + " " + option.longestName()).containsExactly("a", "b");
                }
            }
        }
    }

    @Test
    void requiredOptionsCanComeFromTheEnvironmentAlone() {
        int code = cli.run(Map.of("BERTH_SELECT", "a=b", "BERTH_OUTPUT", dir.resolve("nope/web.conf").toString()), "watch");

        assertThat(code).as(cli.err()).isEqualTo(3);
        assertThat(cli.err()).contains("output folder").contains("does not exist").hasLineCount(1);
    }

    @Test
    void aValuePicocliCannotConvertIsAUsageErrorNamingTheVariable() {
        assertThat(cli.run(required("BERTH_PORT", "web"), "render")).isEqualTo(2);

        assertThat(cli.err()).isEqualTo(
                "berth: Invalid value for environment variable BERTH_PORT: 'web' is not an int (see 'berth render --help')\n");
    }

    @Test
    void aFlagThatIsNeitherTrueNorFalseIsAUsageErrorNamingTheVariable() {
        assertThat(cli.run(required("BERTH_NO_DRAIN", "yes"), "watch")).isEqualTo(2);

        assertThat(cli.err()).startsWith("berth: Invalid value for environment variable BERTH_NO_DRAIN: 'yes' is not a boolean")
                .hasLineCount(1);
    }

    @Test
    void aValueBerthRejectsIsAUsageErrorNamingTheVariable() {
        assertThat(cli.run(required("BERTH_PORT", "70000"), "render")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("berth: --port 70000 is not a port from 1 to 65535 (given by BERTH_PORT)\n");

        cli.forgetOutput();
        assertThat(cli.run(required("BERTH_RENDERER", "ngnix"), "render")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo(
                "berth: unknown renderer 'ngnix'; known renderers: haproxy, nginx (given by BERTH_RENDERER)\n");
    }

    @Test
    void aBadValueOnTheCommandLineIsNotBlamedOnTheEnvironment() {
        assertThat(cli.run(required("BERTH_PORT", "70000"), "render", "--port", "70001")).isEqualTo(2);

        assertThat(cli.err()).isEqualTo("berth: --port 70001 is not a port from 1 to 65535\n");
    }

    @Test
    void helpShowsEachOptionsVariableAndTheRule() {
        assertThat(cli.run(Map.of(), "watch", "--help")).isZero();

        assertThat(cli.out())
                .containsPattern("(?m)^ +--select=KEY\\[=VALUE\\] .*\\n(^ {20,}.*\\n)*^ +env: BERTH_SELECT$")
                .contains("env: BERTH_NETWORK", "env: BERTH_OUTPUT", "env: BERTH_NO_DRAIN", "env: BERTH_RELOAD_SELECT",
                        "env: BERTH_PLUGIN_PATH")
                .doesNotContain("BERTH_HELP", "BERTH_VERSION")
                .contains("Every option can also be given by the environment variable shown under it")
                .contains("one item per line, or");
    }

    @Test
    void thePluginPathFromTheEnvironmentIsStillReadFirst() {
        Path missing = dir.resolve("nope");

        assertThat(cli.run(Map.of("BERTH_PLUGIN_PATH", missing.toString()), "plugins")).isEqualTo(2);

        assertThat(cli.err()).isEqualTo("berth: BERTH_PLUGIN_PATH=" + missing + ": no such directory\n");
    }
}
