package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth render} is a dry run of {@code berth watch}: one pass, printed, against a real Engine;
 * with {@code --explain} it tells, for every container the selection matched, where it serves or why not.
 */
final class RenderCommandIT {

    private static DockerClient docker;
    private static Path jar;

    @TempDir
    Path work;

    private Topology topology;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithNginxAndBusybox();
        jar = Prerequisites.berthJar();
        TestImages.backend(docker);
    }

    @BeforeEach
    void network() {
        topology = Topology.create(docker);
    }

    @AfterEach
    void removeEverything() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void printsAnUpstreamOfExactlyTheRunningWebContainers() {
        WebContainer one = topology.startWeb();
        WebContainer two = topology.startWeb();
        topology.stop(topology.startWeb());
        topology.createBackend("web", "web");
        topology.startBackend("api", "api");

        BerthCli.Result result = new BerthCli(jar, work).run(
                "render", "--select", "com.ameyalokare.type=web", "--network", topology.network(), "--port", "5090");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).as("%s", result).contains("upstream web {");
        assertThat(NginxUpstreams.servers(result.stdout(), "web"))
                .as("the servers of upstream web in\n%s", result.stdout())
                .containsExactlyInAnyOrder(one.address(), two.address());
    }

    @Test
    void aTemplateErrorExits3NamingTheTemplateAndLine() throws Exception {
        topology.startWeb();
        Path template = work.resolve("typo.j2");
        Files.writeString(template, "{% for upstream in upstreams %}\nupstream {{ upstream.nmae }} {}\n{% endfor %}\n");
        Path output = work.resolve("web.conf");

        BerthCli.Result result = new BerthCli(jar, work).run("render", "--select", "com.ameyalokare.type=web",
                "--network", topology.network(), "--port", "5090", "--template", template.toString(),
                "--output", output.toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.stderrLines()).as("%s", result).singleElement(STRING)
                .startsWith("berth: template ").contains("typo.j2", "line 2", "nmae");
        assertThat(output).as("the output of a render that failed").doesNotExist();
    }

    @Test
    void printsTheServedContainersWithTheirAddressAndWhyTheOthersAreLeftOut() {
        WebContainer served = topology.startWeb();
        WebContainer badPort = topology.startWeb(TestImages.backend(docker), create -> {
            Map<String, String> labels = new HashMap<>(create.getLabels());
            labels.put("berth.port", "http");
            return create.withLabels(labels);
        });
        WebContainer stopped = topology.startWeb();
        topology.stop(stopped);

        BerthCli.Result result = new BerthCli(jar, work).run("render", "--explain",
                "--select", "com.ameyalokare.type=web", "--select", topology.runFilter(), "--network", topology.network());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).as("%s", result).isEqualTo("""
                3 containers matched the selection: 1 served, 2 left out

                upstream web
                  served    %s (%s)  %s

                left out
                  left out  %s (%s)  label berth.port='http' is not valid: expected a port from 1 to 65535
                  left out  %s (%s)  not running (exited)
                """.formatted(served.name(), served.id().substring(0, 12), served.address(),
                badPort.name(), badPort.id().substring(0, 12),
                stopped.name(), stopped.id().substring(0, 12)));
    }
}
