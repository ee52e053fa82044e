package dev.berth.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.template.TemplateEngine;
import dev.berth.core.testing.Golden;
import dev.berth.core.testing.Snapshots;
import dev.berth.core.testing.ProxyBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The golden outputs are complete configurations that the real `haproxy -c` accepts as they are. */
final class TestHaproxySyntax {

    private static final ProxyBinary HAPROXY = new ProxyBinary(Path.of("/usr/sbin/haproxy"));

    @ParameterizedTest
    @ValueSource(strings = {Golden.TWO_UPSTREAMS, Golden.EMPTY_UPSTREAM, Golden.EMPTY_SNAPSHOT})
    void haproxyAcceptsTheRenderedConfiguration(String golden, @TempDir Path dir)
            throws IOException, InterruptedException {
        HAPROXY.require();
        String config = TestHaproxyRenderer.GOLDEN.read(golden);
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);

        var result = HAPROXY.run(List.of("-c", "-f", file.toString()), dir);

        result.assertAccepted(config);
        // A warning is how HAProxy flags a setting it ignores; the built-in template should have none.
        assertThat(result.output()).contains("Configuration file is valid").doesNotContainIgnoringCase("warning");
    }

    /** Unlike nginx, HAProxy takes a backend whose servers are all backups: they serve when no primary is up, so always here. */
    @Test
    void haproxyAcceptsAGroupOfOnlyBackupsAsItIs(@TempDir Path dir) throws IOException, InterruptedException {
        HAPROXY.require();
        String config = new HaproxyRendererFactory().create(new RendererContext(new TemplateEngine(), Optional.empty(), PluginOptions.NONE))
                .render(new Snapshot(List.of(new Upstream("spare", List.of(
                        Snapshots.backend("spare-1", "10.0.0.1", 80, 0, true),
                        Snapshots.backend("spare-2", "10.0.0.2", 80, 3, true)))), List.of()));
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);

        var result = HAPROXY.run(List.of("-c", "-f", file.toString()), dir);

        result.assertAccepted(config);
        assertThat(result.output()).doesNotContainIgnoringCase("warning");
        assertThat(config).contains(" 10.0.0.1:80 check backup  # spare-1\n").contains(" 10.0.0.2:80 check weight 3 backup  # spare-2\n");
    }
}
