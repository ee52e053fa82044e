package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `berth watch --listen`, up to the point where Docker would be needed. */
final class TestListenOption {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int watch(String listen) {
        return Main.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                "watch", "--select", "a=b", "--output", dir.resolve("web.conf").toString(), "--listen", listen);
    }

    @Test
    void anAddressThatDoesNotParseIsAOneLineUsageError() {
        assertThat(watch("9090")).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("berth: --listen '9090': no port (expected HOST:PORT, e.g. 127.0.0.1:9090)\n");
    }

    @Test
    void aPortInUseIsAOneLineConfigurationErrorBeforeDockerIsAsked() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(watch("127.0.0.1:" + taken.getLocalPort())).isEqualTo(3);

            assertThat(err.toString()).startsWith("berth: cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasLineCount(1);
            assertThat(dir.resolve("web.conf")).doesNotExist();
        }
    }

    @Test
    void theEnvironmentGivesItToo() {
        int exit = Main.run(Map.of("BERTH_LISTEN", "9090"), new PrintWriter(out, true), new PrintWriter(err, true),
                "watch", "--select", "a=b", "--output", dir.resolve("web.conf").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("berth: --listen '9090': no port").contains("BERTH_LISTEN").hasLineCount(1);
    }

    @Test
    void watchHelpShowsIt() {
        assertThat(Main.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), "watch", "--help")).isZero();

        assertThat(out.toString()).contains("--listen=HOST:PORT");
    }
}
