package dev.berth.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What every scenario of Berth and one proxy has, whatever feeds it (a topology's containers, a
 * swarm's tasks): the folder the proxy reads its configuration from ({@code proxy/} in the test's
 * folder, prepared for its kind), and {@code berth watch} writing the "web" group there and
 * signalling only the proxy with the scenario's type label, started where the scenario runs it.
 * What a failing test prints (the file, Berth's output) is registered as it comes.
 */
final class BerthForProxy {

    private final BerthPlace.Launcher launcher;
    private final ProxyKind kind;
    private final String proxyType;
    private final BiConsumer<String, Supplier<String>> diagnostics;
    private final Path configFile;
    private BerthCli.Watch berth;

    /**
     * @param proxyType the proxy's type label: one that no other test's Berth signals
     * @param diagnostics where to register what a failing test should print
     */
    BerthForProxy(BerthPlace.Launcher launcher, Path work, ProxyKind kind, String proxyType,
            BiConsumer<String, Supplier<String>> diagnostics) throws IOException {
        this.launcher = launcher;
        this.kind = kind;
        this.proxyType = proxyType;
        this.diagnostics = diagnostics;
        Path configDirectory = Files.createDirectories(work.resolve("proxy"));
        kind.prepare(configDirectory);
        this.configFile = configDirectory.resolve(kind.configFile());
        diagnostics.accept(kind.configFile(), () -> NginxUpstreams.read(configFile));
    }

    ProxyKind kind() {
        return kind;
    }

    Path configFile() {
        return configFile;
    }

    /** The Berth started last; null before the first. */
    BerthCli.Watch berth() {
        return berth;
    }

    /** Starts {@code berth watch} for the {@link BerthAndProxy#WEB} backends and this proxy, with more options; stops the one before. */
    BerthCli.Watch start(List<String> more) {
        close();
        List<String> arguments = new ArrayList<>(List.of(
                "--renderer", kind.rendererName(),
                "--select", BerthAndProxy.WEB,
                "--output", "proxy/" + kind.configFile(),
                "--reload-select", Topology.TYPE_LABEL + "=" + proxyType));
        arguments.addAll(more);
        berth = launcher.watch(arguments.toArray(String[]::new));
        BerthCli.Watch current = berth;
        diagnostics.accept("berth watch output " + arguments, current::log);
        return current;
    }

    /** Stops Berth, if it runs. */
    void close() {
        if (berth != null) {
            berth.close();
        }
    }
}
