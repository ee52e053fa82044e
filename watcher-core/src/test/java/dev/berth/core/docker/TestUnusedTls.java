package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

final class TestUnusedTls {

    @Test
    void aUnixSocketOrNamedPipeNeverUsesTls() {
        assertThat(UnusedTls.fits(URI.create("unix:///var/run/docker.sock"))).isTrue();
        assertThat(UnusedTls.fits(URI.create("npipe:////./pipe/docker_engine"))).isTrue();
    }

    @Test
    void aTcpHostKeepsDockerJavasOwnTlsSetUp() {
        // Any TLS set-up given for tcp:// makes docker-java speak https.
        assertThat(UnusedTls.fits(URI.create("tcp://127.0.0.1:2375"))).isFalse();
    }

    @Test
    void itsContextRefusesAnyUseWithTheReason() {
        SSLContext context = new UnusedTls().getSSLContext();

        assertThatThrownBy(context::getSocketFactory).hasMessage("no TLS on a Docker Unix socket or named pipe");
        assertThatThrownBy(context::createSSLEngine).hasMessage("no TLS on a Docker Unix socket or named pipe");
    }
}
