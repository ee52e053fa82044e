package dev.berth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.testing.Snapshots;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An upstream's name is a plain name in nginx and HAProxy alike: it cannot add a directive. */
final class TestUpstream {

    private static final Backend WEB_1 = Snapshots.backend("web-1", "172.18.0.3", 80, 0, false);

    @ParameterizedTest
    @ValueSource(strings = {"web;evil", "a b", "x\ninclude /etc/passwd", "", ".hidden", "-web", "web{", "web}",
            "web\"", "web'", "web#", "wéb"})
    void rejectsANameThatIsNotAPlainName(String name) {
        assertThatThrownBy(() -> new Upstream(name, List.of(WEB_1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upstream name '" + Printable.of(name) + "' is not valid")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "api.v2", "_x", "9", "my-app_1.internal"})
    void acceptsAPlainName(String name) {
        assertThat(new Upstream(name, List.of(WEB_1)).name()).isEqualTo(name);
    }

    @Test
    void acceptsANameOf128AndRejectsOneOf129() {
        assertThat(new Upstream("w".repeat(128), List.of()).name()).hasSize(128);
        assertThatThrownBy(() -> new Upstream("w".repeat(129), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not valid");
    }

    @Test
    void sortsItsBackendsByContainerName() {
        var web2 = Snapshots.backend("web-2", "172.18.0.4", 80, 0, false);
        assertThat(new Upstream("web", List.of(web2, WEB_1)).backends()).containsExactly(WEB_1, web2);
    }
}
