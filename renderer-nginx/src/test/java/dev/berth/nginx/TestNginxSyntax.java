package dev.berth.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.template.TemplateEngine;
import dev.berth.core.testing.Golden;
import dev.berth.core.testing.ProxyBinary;
import dev.berth.core.testing.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden outputs, included in a minimal full configuration, pass the real `nginx -t`. */
final class TestNginxSyntax {

    private static final ProxyBinary NGINX = new ProxyBinary(Path.of("/usr/sbin/nginx"));

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of(Golden.TWO_UPSTREAMS, List.of("web", "api.v2")),
                Arguments.of(Golden.EMPTY_UPSTREAM, List.of("web")),
                Arguments.of(Golden.EMPTY_SNAPSHOT, List.of()));
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void nginxAcceptsTheRenderedUpstreams(String golden, List<String> upstreams, @TempDir Path dir)
            throws IOException, InterruptedException {
        NGINX.require();
        Files.writeString(dir.resolve("berth.conf"), TestNginxRenderer.GOLDEN.read(golden));
        String config = mainConfig(dir, upstreams);
        Path main = Files.writeString(dir.resolve("nginx.conf"), config);

        var result = NGINX.run(List.of("-t", "-p", dir + "/", "-e", dir.resolve("error.log").toString(),
                "-c", main.toString()), dir);

        result.assertAccepted(config);
        assertThat(result.output()).contains("syntax is ok").contains("test is successful");
    }

    /**
     * Proxies to every upstream, so that nginx must find each block (an unknown name would be looked
     * up as a host and fail); a config without upstreams only answers 204.
     */
    private static String mainConfig(Path dir, List<String> upstreams) {
        String locations = upstreams.isEmpty()
                ? "        location / { return 204; }\n"
                : upstreams.stream()
                        .map(name -> "        location /" + name + "/ { proxy_pass http://" + name + "; }\n")
                        .collect(Collectors.joining());
        return "error_log " + dir.resolve("error.log") + ";\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "events {}\n"
                + "http {\n"
                + "    include " + dir.resolve("berth.conf") + ";\n"
                + "    server {\n"
                + "        listen 127.0.0.1:18081;\n"
                + locations
                + "    }\n"
                + "}\n";
    }

    @Test
    void aGroupOfOnlyBackupsServesThemAsPrimariesAndNginxAcceptsIt(@TempDir Path dir) throws IOException, InterruptedException {
        NGINX.require();
        String output = new NginxRendererFactory().create(new RendererContext(
                new TemplateEngine(), Optional.empty(), PluginOptions.NONE))
                .render(new Snapshot(List.of(
                        new Upstream("spare", List.of(
                                Snapshots.backend("spare-1", "10.0.0.1", 80, 0, true),
                                Snapshots.backend("spare-2", "10.0.0.2", 80, 3, true))),
                        new Upstream("web", List.of(
                                Snapshots.backend("web-1", "10.0.0.3", 80, 0, false),
                                Snapshots.backend("web-2", "10.0.0.4", 80, 0, true)))), List.of()));
        Files.writeString(dir.resolve("berth.conf"), output);
        Path main = Files.writeString(dir.resolve("nginx.conf"), mainConfig(dir, List.of("spare", "web")));

        var result = NGINX.run(List.of("-t", "-p", dir + "/", "-e", dir.resolve("error.log").toString(), "-c", main.toString()), dir);

        result.assertAccepted(output);
        assertThat(output).contains("""
                upstream spare {
                    # Only backups serve this group: nginx needs a primary, so they serve as primaries until one joins.
                    server 10.0.0.1:80;
                    server 10.0.0.2:80 weight=3;
                }""").contains("""
                upstream web {
                    server 10.0.0.3:80;
                    server 10.0.0.4:80 backup;
                }""");
    }
}
