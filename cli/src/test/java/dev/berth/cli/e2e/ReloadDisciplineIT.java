package dev.berth.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.cli.e2e.ProxyHttp.Outcome;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Berth never breaks the proxy and does not reload it more than it must, for nginx and HAProxy: a
 * burst of starts costs at most three reloads, a configuration the proxy rejects is never put in
 * effect (with Berth on the host and in its container), and a single start is routed about as fast as a bare reload (printed, not asserted).
 */
final class ReloadDisciplineIT {

    private static final int BURST = 20;
    private static final int ROUNDS = 5;
    private static final String BERTH_RELOADED = "reloaded container ";
    private static final String BERTH_WROTE = "wrote ";
    private static final String BERTH_REJECTED = "left out upstream wrecked: the proxy rejected it";

    private static DockerClient docker;
    private static Path jar;

    @RegisterExtension
    final FailureDiagnostics diagnostics = new FailureDiagnostics();

    @TempDir
    Path work;

    private BerthAndProxy setup;

    @BeforeAll
    static void machine() {
        docker = Prerequisites.dockerWithBackendBothProxyImagesAndBerthEverywhere();
        jar = Prerequisites.berthJar();
    }

    @AfterEach
    void removeEverything() {
        if (setup != null) {
            setup.close();
        }
    }

    /** Twenty containers started at once, while Berth and the proxy run: at most three reloads. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    void aBurstOfTwentyStartsCostsAtMostThreeReloads(ProxyKind kind) throws Exception {
        prepare(kind);
        WebContainer first = setup.topology().startWeb();
        setup.startBerthThenProxy(List.of(), first);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            ids.add(setup.topology().createBackend("web", "web"));
        }
        int logMark = setup.berth().log().length();
        Instant since = Instant.now();

        setup.topology().startAllAtOnce(ids);

        Instant written = setup.awaitServerCount(BURST + 1);
        setup.awaitReloadSince(written);
        setup.awaitReloadsSettled(logMark);
        String berthLog = berthLogSince(logMark);
        int proxyReloads = setup.proxy().reloadsSince(since);
        System.out.printf("berth-e2e: %s, a burst of %d starts: %d reloads of the proxy (its log), %d confirmed by Berth%n",
                kind, BURST, proxyReloads, count(berthLog, BERTH_RELOADED));
        assertThat(proxyReloads).as("reloads that %s logged during the burst", kind).isBetween(1, 3);
        assertThat(count(berthLog, BERTH_RELOADED)).as("reloads Berth logged as confirmed\n%s", berthLog).isBetween(1, 3);
        assertThat(ProxyHttp.get(setup.proxy().port(), 10)).as("requests after the burst").allMatch(Outcome::served);
    }

    /**
     * A template that writes a directive the proxy does not know once a container of the group
     * "wrecked" runs: the proxy's own check rejects it, Berth leaves that group out and, since
     * nothing else changed, the file goes back byte for byte, the proxy is not reloaded and serves
     * on, Berth says why in one line with the proxy's error, and the next good change is applied.
     */
    @ParameterizedTest(name = "{0}, Berth {1}")
    @MethodSource("proxiesAndPlaces")
    void aConfigurationTheProxyRejectsIsNeverPutInEffect(ProxyKind kind, BerthPlace place) throws Exception {
        prepare(kind, place);
        Path configFile = setup.configFile();
        Path template = work.resolve("breaks-on-group-wrecked.j2");
        Files.writeString(template, builtInTemplate(kind) + """

                {%- for upstream in upstreams %}{% if upstream.name == "wrecked" and upstream.backends %}
                bogus_directive on;
                {%- endif %}{% endfor %}
                """);
        WebContainer first = setup.topology().startWeb();
        setup.startBerthThenProxy(List.of("--template", template.toString()), first);
        byte[] good = Files.readAllBytes(configFile);
        Instant before = Instant.now();
        int logMark = setup.berth().log().length();

        // "wrecked" sorts after "web": HAProxy's built-in template routes to the first group by name.
        WebContainer broken = setup.topology().startBackend("web", "wrecked");

        Waiting.upTo30s("Berth logs that the proxy rejected the configuration for " + broken.name())
                .failFast("berth watch exited", () -> !setup.berth().isAlive())
                .until(() -> berthLogSince(logMark).contains(BERTH_REJECTED));
        List<String> rejections = berthLogSince(logMark).lines().filter(l -> l.contains(BERTH_REJECTED)).toList();
        assertThat(rejections).as("Berth's lines on the rejection").allSatisfy(line -> assertThat(line)
                .contains(configFile.getFileName().toString(), "bogus_directive", "tried again when its containers change"));
        Waiting.upTo30s("Berth logs that nothing else changed")
                .until(() -> berthLogSince(logMark).contains("nothing else changed: "));
        assertThat(berthLogSince(logMark).lines().filter(l -> l.contains("nothing else changed: ")))
                .singleElement().asString().contains(configFile.getFileName() + " stays as it was and the proxy was not reloaded");
        assertThat(Files.readAllBytes(configFile)).as("%s after the rejection", kind.configFile()).isEqualTo(good);
        assertThat(setup.proxy().reloadsSince(before)).as("reloads of %s since the broken container started", kind).isZero();
        assertThat(ProxyHttp.get(setup.proxy().port(), 5)).as("requests after the rejection")
                .allSatisfy(outcome -> assertThat(outcome).isEqualTo(new Outcome(200, first.hostname(), null)));
        assertThat(setup.berth().isAlive()).as("berth watch still runs").isTrue();

        setup.topology().stop(broken);
        WebContainer second = setup.topology().startWeb();
        Instant written = setup.awaitServers(first, second);
        setup.awaitReloadSince(written);
        assertThat(ProxyHttp.get(setup.proxy().port(), 10)).extracting(Outcome::body)
                .as("the containers that served after a good change")
                .containsOnly(first.hostname(), second.hostname());
    }

    /**
     * A single start after quiet is checked by nginx while the container starts, so that its start
     * costs the signal only, and goes into HAProxy at runtime, with no check; prints how long it takes to be served through the proxy with
     * Berth, against a bare reload (the test writes the configuration and signals the proxy
     * itself; and the same right after starting the container), in alternating rounds on the same proxy; then the same with Berth's check turned
     * off. No assertion on time: the benchmarks (scripts/benchmark) measure it over more rounds.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    void aSingleStartIsCheckedAheadOrTakenInPlaceAndPrintsHowLongItTakesAgainstABareReload(ProxyKind kind) throws Exception {
        prepare(kind);
        setup.startBerthThenProxy(List.of("--upstream", "web"));
        String empty = Files.readString(setup.configFile());
        int logMark = setup.berth().log().length();
        List<Long> bare = new ArrayList<>();
        List<Long> started = new ArrayList<>();
        List<Long> checked = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            bare.add(setup.bareRound(empty));
            started.add(setup.startedBareRound(empty));
            checked.add(setup.berthRound());
        }
        List<String> starts = berthLogSince(logMark).lines().filter(line -> line.contains(BERTH_WROTE) && line.contains(" 1 backends")).toList();
        // nginx's change is checked while the container starts; HAProxy takes it at runtime, which needs no check.
        String how = switch (kind) {
            case NGINX -> "checked ahead while the containers started";
            case HAPROXY -> "in place, the proxy validates each value: no check";
        };
        assertThat(starts).as("Berth's lines for the %d starts", ROUNDS).hasSize(ROUNDS)
                .allSatisfy(line -> assertThat(line).contains(how));
        setup.startBerth(List.of("--upstream", "web", "--no-check"));
        List<Long> unchecked = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            unchecked.add(setup.berthRound());
        }
        System.out.printf("berth-e2e: %s, a single start served after (median of %d, ms): bare reload %d %s;"
                        + " bare reload right after a start %d %s; Berth %d %s; Berth --no-check %d %s%n",
                kind, ROUNDS, median(bare), bare, median(started), started, median(checked), checked, median(unchecked), unchecked);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int count(String log, String marker) {
        return BerthAndProxy.count(log, marker);
    }

    private String berthLogSince(int mark) {
        return setup.berth().log().substring(mark);
    }

    private String builtInTemplate(ProxyKind kind) throws IOException {
        String resource = switch (kind) {
            case NGINX -> "/dev/berth/nginx/nginx.conf.j2";
            case HAPROXY -> "/dev/berth/haproxy/haproxy.cfg.j2";
        };
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as("the built-in template %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The proxy's type label: one that the other end-to-end tests' Berth (which may run at the same
     * time on a shared Docker Engine) never signals, so that every reload this test counts is Berth's.
     */
    private void prepare(ProxyKind kind) throws IOException {
        prepare(kind, BerthPlace.HOST);
    }

    private void prepare(ProxyKind kind, BerthPlace place) throws IOException {
        setup = new BerthAndProxy(docker, jar, work, kind, place, "reload-discipline-" + kind.rendererName(), diagnostics::add);
    }

    static Stream<Arguments> proxiesAndPlaces() {
        return Arrays.stream(ProxyKind.values())
                .flatMap(kind -> Arrays.stream(BerthPlace.values()).map(place -> Arguments.of(kind, place)));
    }
}
