package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad group never blocks the others, against a real nginx: a container alone in its group as a
 * backup (which nginx rejects in an upstream of its own, and the built-in template therefore serves
 * as a primary), one whose group differs from "web" only in case, and, with a user's template that
 * nginx rejects for a group with a backup, a group nginx itself rejects: that group is left out with
 * nginx's own error, and a web container started after it is still routed.
 */
final class IsolationIT {

    private static final int REQUESTS = 20;

    private static DockerClient docker;
    private static Path jar;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private BerthAndProxy setup;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithProxiesAndBusybox();
        jar = Prerequisites.berthJar();
        TestImages.backend(docker);
        ProxyKind.NGINX.image(docker);
    }

    @AfterEach
    void removeEverything() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void aGroupOfOnlyABackupAndAGroupNamedLikeWebInAnotherCaseDoNotKeepANewWebContainerFromBeingRouted() throws Exception {
        setup = new BerthAndProxy(docker, jar, work, ProxyKind.NGINX, "isolation-nginx", diagnostics::add);
        Topology topology = setup.topology();
        WebContainer first = topology.startWeb();
        WebContainer second = topology.startWeb();
        // Two in web first: a group named in another case goes to the name most containers serve.
        setup.startBerthThenProxy(List.of(), first, second);

        WebContainer spare = startWithLabels(topology, Map.of("berth.upstream", "spare", "berth.backup", "true"));
        WebContainer shouting = startWithLabels(topology, Map.of("berth.upstream", "WEB"));
        WebContainer third = topology.startWeb();
        Instant changed = setup.awaitServers(first, second, third);
        setup.awaitReloadSince(changed);

        assertRoutedTo(first, second, third);
        String text = Files.readString(setup.configFile());
        assertThat(NginxUpstreams.servers(text, "spare")).as("the backup alone serves its group, as a primary")
                .containsExactly(spare.address());
        assertThat(text).doesNotContain(" backup;");
        assertThat(setup.berth().log()).as("berth watch's log")
                .contains("left out container " + shouting.name())
                .contains("upstream WEB differs from upstream web only in case")
                .doesNotContain("the proxy rejected");
    }

    @Test
    void aGroupNginxRejectsIsLeftOutWithNginxsOwnErrorAndANewWebContainerIsStillRouted() throws Exception {
        Path template = Files.writeString(work.resolve("ip_hash.j2"), UserTemplates.IP_HASH);
        setup = new BerthAndProxy(docker, jar, work, ProxyKind.NGINX, "isolation-nginx", diagnostics::add);
        Topology topology = setup.topology();
        WebContainer first = topology.startWeb();
        setup.startBerthThenProxy(List.of("--template", template.toString()), first);

        WebContainer spare = startWithLabels(topology, Map.of("berth.upstream", "spare", "berth.backup", "true"));
        Waiting.upTo30s("berth watch leaves out group spare")
                .failFast("berth watch exited", () -> !setup.berth().isAlive())
                .until(() -> setup.berth().log().contains("left out upstream spare"));
        WebContainer second = topology.startWeb();
        Instant changed = setup.awaitServers(first, second);
        setup.awaitReloadSince(changed);

        // ip_hash sends every request of one client (this test) to one server: served, by one of them.
        List<Outcome> outcomes = ProxyHttp.get(setup.proxy().port(), REQUESTS);
        assertThat(outcomes).as("%d requests to group web", REQUESTS).allMatch(Outcome::served);
        assertThat(outcomes).extracting(Outcome::body).isSubsetOf(first.hostname(), second.hostname());
        assertThat(NginxUpstreams.servers(setup.configFile(), "spare")).as("group spare in the file").isEmpty();
        String nginxSays = "balancing method does not support parameter \"backup\" in /etc/nginx/conf.d/web.conf:";
        Waiting.upTo30s("berth watch tells why " + spare.name() + " is left out")
                .until(() -> setup.berth().log().contains("left out container " + spare.name()));
        assertThat(setup.berth().log().lines().filter(line -> line.contains("left out")).toList())
                .as("berth watch's log")
                .anySatisfy(line -> assertThat(line).contains("left out upstream spare: the proxy rejected it").contains(nginxSays))
                .anySatisfy(line -> assertThat(line).contains("left out container " + spare.name())
                        .contains("upstream spare is left out: the proxy rejected it: [emerg] " + nginxSays));
    }

    private static WebContainer startWithLabels(Topology topology, Map<String, String> more) {
        return topology.startWeb(TestImages.backend(docker), create -> {
            Map<String, String> labels = new HashMap<>(create.getLabels());
            labels.putAll(more);
            return create.withLabels(labels);
        });
    }

    private void assertRoutedTo(WebContainer... web) {
        List<Outcome> outcomes = ProxyHttp.get(setup.proxy().port(), REQUESTS);
        assertThat(outcomes).as("%d requests to group web", REQUESTS).allMatch(Outcome::served);
        assertThat(outcomes).extracting(Outcome::body).as("the containers that served them")
                .containsOnly(Arrays.stream(web).map(WebContainer::hostname).toArray(String[]::new));
    }
}
