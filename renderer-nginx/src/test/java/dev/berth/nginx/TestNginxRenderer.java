package dev.berth.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.testing.Golden;
import dev.berth.core.testing.RendererContract;
import org.junit.jupiter.api.Test;

/** The renderer contract (golden files, determinism, user template, strictness, docs) for nginx. */
final class TestNginxRenderer extends RendererContract {

    static final Golden GOLDEN = new Golden(NginxRendererFactory.class, ".conf");

    TestNginxRenderer() {
        super(new NginxRendererFactory(), GOLDEN, NginxRendererFactory.BUILT_IN_TEMPLATE);
    }

    @Test
    void nginxReloadsOnHupAndTakesNoOptions() {
        assertThat(factory().reloadSignal()).isEqualTo("HUP");
        assertThat(factory().options()).isEmpty();
    }
}
