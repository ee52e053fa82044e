package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestOwnContainer {

    private static final String ID = "b72026716987506db36e33bb86e2de0b14564b4a52b3126f6253d1dd0e34cdcb";
    private static final String MOUNTINFO = """
            209 180 0:52 / / rw,relatime master:93 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X
            226 209 254:0 /var/lib/docker/containers/%1$s/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw
            227 209 254:0 /var/lib/docker/containers/%1$s/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw
            228 209 254:0 /var/lib/docker/containers/%1$s/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw
            """.formatted(ID);
    private static final OwnContainer BERTH = new OwnContainer(ID, "b72026716987", false,
            List.of(new BindMount(Path.of("/srv/site/conf.d"), Path.of("/conf.d")),
                    new BindMount(Path.of("/var/run/docker.sock"), Path.of("/var/run/docker.sock"))));

    /** A fake Engine: the containers it knows by id or name, and what it was asked. */
    private final Map<String, OwnContainer> engine = Map.of(ID, BERTH, "vm",
            new OwnContainer("c0ffee", "c0ffee123456", false, List.of()));
    private final List<String> asked = new ArrayList<>();

    private Optional<OwnContainer> inspect(String idOrName) {
        asked.add(idOrName);
        return Optional.ofNullable(engine.get(idOrName));
    }

    @Test
    void isTheContainerWhoseFolderHoldsTheMountedHostnameFile() {
        Optional<OwnContainer> found = OwnContainer.find(new OwnContainer.Clues(MOUNTINFO, true, Optional.of("b72026716987")), this::inspect);

        assertThat(found).contains(BERTH);
        assertThat(asked).containsExactly(ID);
    }

    @Test
    void isTheContainerNamedByTheHostnameWhenNoMountTellsAndDockerMadeThisContainer() {
        Map<String, OwnContainer> byShortId = Map.of("b72026716987", BERTH);

        Optional<OwnContainer> found = OwnContainer.find(new OwnContainer.Clues("", true, Optional.of("b72026716987")),
                name -> Optional.ofNullable(byShortId.get(name)));

        assertThat(found).contains(BERTH);
    }

    @Test
    void isNoneOnAHostWhoseNameAContainerHappensToHave() {
        Optional<OwnContainer> found = OwnContainer.find(new OwnContainer.Clues("", true, Optional.of("vm")), this::inspect);

        assertThat(found).as("container 'vm' has hostname c0ffee123456, so this is not it").isEmpty();
    }

    @Test
    void isNoneOnAHostWithoutDockersMarkerFileAndAsksNothing() {
        Optional<OwnContainer> found = OwnContainer.find(new OwnContainer.Clues("", false, Optional.of("vm")), this::inspect);

        assertThat(found).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void isNoneWhenTheEngineDoesNotKnowTheContainerFromTheMount() {
        Optional<OwnContainer> found = OwnContainer.find(new OwnContainer.Clues(MOUNTINFO.replace(ID, "f".repeat(64)), true,
                Optional.empty()), this::inspect);

        assertThat(found).as("a container of another Docker Engine").isEmpty();
    }

    @Test
    void translatesBerthsPathToTheHostThroughItsMounts() {
        assertThat(BERTH.hostPath(Path.of("/conf.d/web.conf"))).contains(Path.of("/srv/site/conf.d/web.conf"));
        assertThat(BERTH.hostPath(Path.of("/conf.d/../conf.d/web.conf"))).contains(Path.of("/srv/site/conf.d/web.conf"));
        assertThat(BERTH.hostPath(Path.of("/tmp/web.conf"))).as("a file in the container's own files").isEmpty();
    }
}
