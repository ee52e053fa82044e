package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `berth watch --listen`, up to the point where Docker would be needed. */
final class TestListenOption {

    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    private int watch(String listen) {
        return cli.run("watch", "--select", "a=b", "--output", dir.resolve("web.conf").toString(), "--listen", listen);
    }

    @Test
    void anAddressThatDoesNotParseIsAOneLineUsageError() {
        assertThat(watch("9090")).isEqualTo(2);

        assertThat(cli.err()).isEqualTo("berth: --listen '9090': no port (expected HOST:PORT, e.g. 127.0.0.1:9090)\n");
    }

    @Test
    void aPortInUseIsAOneLineConfigurationErrorBeforeDockerIsAsked() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(watch("127.0.0.1:" + taken.getLocalPort())).isEqualTo(3);

            assertThat(cli.err()).startsWith("berth: cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasLineCount(1);
            assertThat(dir.resolve("web.conf")).doesNotExist();
        }
    }

    @Test
    void theEnvironmentGivesItToo() {
        int exit = cli.run(Map.of("BERTH_LISTEN", "9090"), "watch", "--select", "a=b", "--output", dir.resolve("web.conf").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).startsWith("berth: --listen '9090': no port").contains("BERTH_LISTEN").hasLineCount(1);
    }

    @Test
    void watchHelpShowsIt() {
        assertThat(cli.run("watch", "--help")).isZero();

        assertThat(cli.out()).contains("--listen=HOST:PORT");
    }
}
