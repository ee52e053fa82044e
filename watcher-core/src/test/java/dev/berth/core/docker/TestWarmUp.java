package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.dockerjava.api.DockerClient;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The warm-up of the check and reload path prepares only: it asks Docker nothing. */
final class TestWarmUp {

    /** An Engine that is not there: any request to it fails. */
    private final DockerConnection nowhere = DockerConnection.at("unix:///nonexistent/berth-test/docker.sock");

    @Test
    void theJsonOfTheChecksAnswersIsPreparedWithoutAskingDocker() {
        assertThatCode(nowhere::prepareJson).doesNotThrowAnyException();
    }

    @Test
    void theContainerControlWarmsUpWithoutAskingDockerOnTheHost() {
        DockerClient docker = nowhere.requests();
        OwnContainer.Clues onTheHost = new OwnContainer.Clues("", false, Optional.empty());

        assertThatCode(() -> new DockerContainerControl(docker, () -> onTheHost).warmUp()).doesNotThrowAnyException();
    }

    @Test
    void theDockerApiWayWarmsUpWithoutAskingDocker() {
        assertThatCode(() -> new DockerContainerControl(nowhere.requests(), DockerContainerControl.Way.DOCKER_API).warmUp())
                .doesNotThrowAnyException();
    }
}
