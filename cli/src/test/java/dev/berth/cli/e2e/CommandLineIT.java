package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar's command line, where no Docker Engine is needed. */
final class CommandLineIT {

    @TempDir
    Path work;

    @Test
    void anUnknownRendererIsAUsageErrorThatNamesTheKnownOnes() {
        Path output = work.resolve("x.conf");

        BerthCli.Result result = new BerthCli(Prerequisites.berthJar(), work).run(
                "watch", "--renderer", "nosuch", "--select", "a=b", "--output", output.toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.stderrLines()).as("%s", result)
                .singleElement(STRING)
                .startsWith("berth: ")
                .contains("nosuch", "nginx", "haproxy");
        assertThat(output).as("the output file of a command that failed").doesNotExist();
    }

    @Test
    void anUnreachableDockerEngineExits4WithAHint() {
        Path socket = work.resolve("no-docker.sock");

        BerthCli.Result result = new BerthCli(Prerequisites.berthJar(), work)
                .withEnvironment("DOCKER_HOST", "unix://" + socket)
                .run("render", "--select", "com.ameyalokare.type=web");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(4);
        assertThat(result.stderrLines()).as("%s", result)
                .singleElement(STRING)
                .startsWith("berth: cannot reach the Docker Engine at unix://" + socket)
                .contains("DOCKER_HOST");
    }

    @Test
    void watchExits4WithAHintWhenDockerIsUnreachable() {
        Path socket = work.resolve("no-docker.sock");

        BerthCli.Result result = new BerthCli(Prerequisites.berthJar(), work)
                .withEnvironment("DOCKER_HOST", "unix://" + socket)
                .run("watch", "--select", "com.ameyalokare.type=web", "--output", work.resolve("web.conf").toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(4);
        assertThat(result.stderrLines()).as("%s", result)
                .singleElement(STRING)
                .startsWith("berth: cannot reach the Docker Engine at unix://" + socket)
                .contains("DOCKER_HOST", "socket");
        assertThat(work.resolve("web.conf")).as("the output of a watch that never reached Docker").doesNotExist();
    }

    @Test
    void printsItsVersion() {
        BerthCli.Result result = new BerthCli(Prerequisites.berthJar(), work).run("--version");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).startsWith("berth 0.1.0-SNAPSHOT");
    }
}
