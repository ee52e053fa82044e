package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestBindMount {

    private static final List<BindMount> NGINX = List.of(
            new BindMount(Path.of("/srv/site"), Path.of("/usr/share/nginx/html")),
            new BindMount(Path.of("/srv/site/conf.d"), Path.of("/etc/nginx/conf.d")));
    private static final OwnContainer BERTH = new OwnContainer("b7", "b7", false,
            List.of(new BindMount(Path.of("/srv/site/conf.d"), Path.of("/conf.d"))));

    @Test
    void aHostPathAppearsInTheContainerThroughTheDeepestMountThatHoldsIt() {
        assertThat(BindMount.intoContainer(NGINX, Path.of("/srv/site/conf.d/web.conf")))
                .contains(Path.of("/etc/nginx/conf.d/web.conf"));
        assertThat(BindMount.intoContainer(NGINX, Path.of("/srv/site/index.html")))
                .contains(Path.of("/usr/share/nginx/html/index.html"));
        assertThat(BindMount.intoContainer(NGINX, Path.of("/srv/sites/web.conf"))).as("a folder beside, not inside").isEmpty();
    }

    @Test
    void aPathOfBerthOnTheHostReachesTheProxyDirectly() {
        assertThat(DockerContainerControl.pathThrough(Optional.empty(), NGINX, Path.of("/srv/site/conf.d/web.conf")))
                .contains(Path.of("/etc/nginx/conf.d/web.conf"));
    }

    @Test
    void aPathOfBerthInItsContainerGoesThroughTheHostFolderBehindIt() {
        assertThat(DockerContainerControl.pathThrough(Optional.of(BERTH), NGINX, Path.of("/conf.d/web.conf")))
                .contains(Path.of("/etc/nginx/conf.d/web.conf"));
    }

    @Test
    void aPathOfBerthInItsContainerIsNotTakenForAHostPath() {
        List<BindMount> proxy = List.of(new BindMount(Path.of("/conf.d"), Path.of("/etc/nginx/conf.d")));

        assertThat(DockerContainerControl.pathThrough(Optional.of(BERTH), proxy, Path.of("/conf.d/web.conf")))
                .as("the host's /conf.d is not the folder Berth writes to")
                .isEmpty();
    }
}
