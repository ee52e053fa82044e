package dev.berth.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Health;
import dev.berth.core.model.Upstream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class TestServerNames {

    private static Backend backend(String id, String name, int port) {
        return new Backend(id, name, "172.18.0.3", port, 0, false, Health.NONE, new TreeMap<>());
    }

    /** The server names of an upstream made of these backends, in its (sorted) order. */
    private static List<String> names(Backend... backends) {
        return ServerNames.of(new Upstream("web", List.of(backends)));
    }

    @Test
    void keepsUniqueNamesAsTheyAre() {
        assertThat(names(backend("1", "web-1", 80), backend("2", "web-2", 80))).containsExactly("web-1", "web-2");
    }

    @Test
    void appendsTheShortIdWhenTwoNamesCollide() {
        assertThat(names(backend("0123456789abcdef", "web.1", 80), backend("fedcba9876543210", "web_1", 80),
                backend("aaaa", "web_1", 80)))
                .containsExactly("web.1", "web_1_aaaa", "web_1_fedcba987654");
    }

    @Test
    void numbersOneContainerServingOnTwoPorts() {
        assertThat(names(backend("abc", "web-1", 80), backend("abc", "web-1", 8080))).containsExactly("web-1_abc", "web-1_abc_2");
    }

    @Test
    void numberingSkipsANameAnotherBackendAlreadyHas() {
        assertThat(names(backend("x", "a", 80), backend("x", "a", 81), backend("y", "a_x_2", 80)))
                .containsExactly("a_x", "a_x_3", "a_x_2");
    }

    @Test
    void fallsBackToTheIdForAnEmptyName() {
        assertThat(names(backend("0123456789abcdef", "", 80))).containsExactly("0123456789ab");
    }

    @Test
    void keysGiveEveryBackendItsServerNameInTheUpstreamsOrder() {
        var upstream = new Upstream("web", List.of(backend("2", "web-2", 80), backend("1", "web-1", 80)));
        assertThat(ServerNames.keys(upstream)).containsExactly(Map.of("server_name", "web-1"), Map.of("server_name", "web-2"));
    }
}
