package dev.berth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.testing.Snapshots;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A backend holds only values safe in any proxy's syntax, so no renderer needs to check them again. */
final class TestBackend {

    @ParameterizedTest
    @ValueSource(strings = {"web;evil", "1.2.3.4; include /etc/passwd", "172.18.0.3;", "example.com", "localhost",
            "fe80::1%eth0", "", " ", "999.1.1.1", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4 ", " 1.2.3.4",
            "1.2.3.4\n", "[fd00::1]", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "::1.2.3.4.5",
            "1.2.3.4::", ":::", "fd00::1/64", "10.0.0.1\u0668\u0660", "\uff11.2.3.4", "fd00::\u0661", "1.2.3.4\u200b"})
    void rejectsAnAddressThatIsNotAnIpLiteral(String address) {
        assertThat(Backend.isIpLiteral(address)).isFalse();
        assertThatThrownBy(() -> Snapshots.backend("web-1", address, 80, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP literal: '" + Printable.of(address) + "'")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "10.0.0.1", "::", "::1", "fd00::3", "FD00::ABCD",
            "2001:db8:0:0:0:0:0:1", "1:2:3:4:5:6:7::", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33"})
    void acceptsIpLiterals(String address) {
        Backend backend = Snapshots.backend("web-1", address, 80, 0, false);
        assertThat(backend.address()).isEqualTo(address);
        assertThat(backend.endpoint()).isEqualTo(backend.ipv6() ? "[" + address + "]:80" : address + ":80");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536})
    void rejectsAPortOutOfRange(int port) {
        assertThatThrownBy(() -> Snapshots.backend("web-1", "172.18.0.3", port, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port " + port + " is outside 1..65535");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 65_535})
    void acceptsEveryPort(int port) {
        assertThat(Snapshots.backend("web-1", "172.18.0.3", port, 0, false).port()).isEqualTo(port);
    }

    /** 256 is HAProxy's limit; nginx accepts more, but one cap keeps a container's label valid for both. */
    @ParameterizedTest
    @ValueSource(ints = {-1, Backend.MAX_WEIGHT + 1, 1000})
    void rejectsAWeightOutOfRange(int weight) {
        assertThat(Backend.MAX_WEIGHT).isEqualTo(256);
        assertThatThrownBy(() -> Snapshots.backend("web-1", "172.18.0.3", 80, weight, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight " + weight + " is outside 1..256 (0 = not set)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, Backend.MAX_WEIGHT})
    void acceptsNoWeightAndEveryWeightUpToTheCap(int weight) {
        assertThat(Snapshots.backend("web-1", "172.18.0.3", 80, weight, false).weight()).isEqualTo(weight);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web 1", "web;1", "/web", "web:1", "web\nserver evil", "{x}", "caf\u00e9", "w$x", "w#1", "w'1"})
    void rejectsAContainerNameOrIdOutsideDockersCharacters(String value) {
        assertThatThrownBy(() -> new Backend("abc", value, "172.18.0.3", 80, 0, false, Health.NONE, new TreeMap<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("container name '" + Printable.of(value) + "' is not valid");
        assertThatThrownBy(() -> new Backend(value, "web-1", "172.18.0.3", 80, 0, false, Health.NONE, new TreeMap<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("container id '" + Printable.of(value) + "' is not valid");
    }

    /** nginx rejects any word over 4 KiB, even in a comment: a template printing a name must stay within it. */
    @Test
    void boundsContainerNamesAndIdsAt255Characters() {
        assertThat(new Backend("a".repeat(255), "b".repeat(255), "172.18.0.3", 80, 0, false, Health.NONE, new TreeMap<>())
                .containerName()).hasSize(255);
        assertThatThrownBy(() -> new Backend("abc", "b".repeat(256), "172.18.0.3", 80, 0, false, Health.NONE, new TreeMap<>()))
                .hasMessageContaining("at most 255");
    }
}
