package dev.berth.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.BerthException;
import dev.berth.core.spi.UsageException;
import org.junit.jupiter.api.Test;

final class TestListenAddress {

    @Test
    void aHostAndAPort() {
        assertThat(ListenAddress.parse("127.0.0.1:9090")).isEqualTo(new ListenAddress("127.0.0.1", 9090));
        assertThat(ListenAddress.parse("localhost:0")).isEqualTo(new ListenAddress("localhost", 0));
    }

    @Test
    void aPortAloneListensOnEveryInterface() {
        assertThat(ListenAddress.parse(":9090")).isEqualTo(new ListenAddress("0.0.0.0", 9090));
    }

    @Test
    void anIpv6AddressGoesInBrackets() {
        assertThat(ListenAddress.parse("[::1]:9090")).isEqualTo(new ListenAddress("::1", 9090));
        assertThat(ListenAddress.parse("[::1]:9090")).hasToString("[::1]:9090");
        assertThatThrownBy(() -> ListenAddress.parse("::1:9090")).hasMessageContaining("in brackets");
    }

    @Test
    void aValueThatDoesNotParseIsAUsageErrorThatSaysWhatIsExpected() {
        assertThatThrownBy(() -> ListenAddress.parse("9090"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--listen '9090': no port (expected HOST:PORT, e.g. 127.0.0.1:9090)")
                .extracting(e -> ((BerthException) e).exitCode()).isEqualTo(2);
        assertThatThrownBy(() -> ListenAddress.parse("localhost:http")).hasMessageContaining("the port is not a number");
        assertThatThrownBy(() -> ListenAddress.parse("localhost:65536")).hasMessageContaining("not between 0 and 65535");
        assertThatThrownBy(() -> ListenAddress.parse("localhost:-1")).hasMessageContaining("not between 0 and 65535");
    }
}
