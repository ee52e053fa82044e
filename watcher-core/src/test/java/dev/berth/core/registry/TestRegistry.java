package dev.berth.core.registry;

import static dev.berth.core.registry.Containers.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.UsageException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TestRegistry {

    private static Selection selection(Optional<String> network, OptionalInt port, String... declared) {
        return new Selection(List.of(LabelFilter.parse("com.example.type=web")), new LabelSchema("berth."),
                network, port, new TreeSet<>(Set.of(declared)));
    }

    private final Registry registry = new Registry(selection(Optional.empty(), OptionalInt.empty()));

    private static List<String> endpoints(Snapshot snapshot, String upstream) {
        return snapshot.upstreams().stream().filter(u -> u.name().equals(upstream)).findFirst().orElseThrow()
                .backends().stream().map(Backend::endpoint).toList();
    }

    private String reasonFor(String container) {
        return registry.snapshot().exclusions().stream().filter(e -> e.containerName().equals(container))
                .map(Exclusion::reason).findFirst().orElseThrow();
    }

    @Test
    void groupsContainersByComposeServiceElseContainerName() {
        registry.put(web("app-web-1", "172.18.0.2").label("com.docker.compose.service", "web").build());
        registry.put(web("app-web-2", "172.18.0.3").label("com.docker.compose.service", "web").build());
        registry.put(web("api", "172.18.0.4").build());

        Snapshot snapshot = registry.snapshot();

        assertThat(snapshot.upstreams()).extracting(Upstream::name).containsExactly("api", "web");
        assertThat(endpoints(snapshot, "web")).containsExactly("172.18.0.2:5090", "172.18.0.3:5090");
        assertThat(snapshot.exclusions()).isEmpty();
    }

    @Test
    void upstreamLabelWinsOverComposeService() {
        registry.put(web("a", "172.18.0.2").label("com.docker.compose.service", "web").label("berth.upstream", "blue").build());

        assertThat(registry.snapshot().upstreams()).extracting(Upstream::name).containsExactly("blue");
    }

    @Test
    void ignoresContainersTheFiltersDoNotSelect() {
        boolean changed = registry.put(web("db", "172.18.0.9").label("com.example.type", "db").build());

        assertThat(changed).isFalse();
        assertThat(registry.snapshot()).isEqualTo(Snapshot.EMPTY);
    }

    @Test
    void snapshotIsTheSameWhateverTheOrderContainersArrivedIn() {
        Registry other = new Registry(selection(Optional.empty(), OptionalInt.empty()));
        var a = web("web-a", "172.18.0.2").label("com.docker.compose.service", "web").build();
        var b = web("web-b", "172.18.0.3").label("com.docker.compose.service", "web").build();
        var c = web("other", "172.18.0.4").label("berth.port", "x").build();
        registry.put(a);
        registry.put(b);
        registry.put(c);
        other.put(c);
        other.put(b);
        other.put(a);

        assertThat(other.snapshot()).isEqualTo(registry.snapshot());
    }

    @Test
    void reportsWhetherTheSnapshotChanged() {
        var container = web("web-1", "172.18.0.2").build();

        assertThat(registry.put(container)).isTrue();
        assertThat(registry.put(container)).isFalse();
        assertThat(registry.remove(container.id())).isTrue();
        assertThat(registry.remove(container.id())).isFalse();
    }

    @Test
    void foreseesTheSnapshotOfContainersStartingWithoutChangingItself() {
        registry.put(web("web-1", "172.18.0.2").label("com.docker.compose.service", "web").build());
        registry.put(web("api-1", "172.18.0.5").label("com.docker.compose.service", "api").build());
        registry.snapshot();
        registry.put(web("web-1", "172.18.0.2").label("com.docker.compose.service", "web").label("berth.weight", "3").build());

        Snapshot foreseen = registry.snapshotWith(List.of(
                web("web-2", "172.18.0.3").label("com.docker.compose.service", "web").build(),
                web("new-1", "172.18.0.4").label("com.docker.compose.service", "new").build()));

        assertThat(foreseen.upstreams()).extracting(Upstream::name).containsExactly("api", "new", "web");
        assertThat(endpoints(foreseen, "web")).containsExactly("172.18.0.2:5090", "172.18.0.3:5090");
        Snapshot now = registry.snapshot();
        assertThat(now.upstreams()).extracting(Upstream::name).as("no upstream of the foreseen stays").containsExactly("api", "web");
        assertThat(endpoints(now, "web")).containsExactly("172.18.0.2:5090");
        assertThat(now.upstreams().get(1).backends().get(0).weight()).as("the change made before, still in").isEqualTo(3);
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.put(web("web-2", "172.18.0.3").label("com.docker.compose.service", "web").build()))
                .as("the foreseen container, once it runs, changes the snapshot").isTrue();
        assertThat(registry.snapshot()).isEqualTo(registry.snapshotWith(List.of()));
        assertThat(endpoints(registry.snapshot(), "web")).containsExactly("172.18.0.2:5090", "172.18.0.3:5090");
    }

    @Test
    void keepsAnUpstreamAfterItsLastContainerIsGoneSoTheProxyConfigStaysValid() {
        var container = web("web-1", "172.18.0.2").label("com.docker.compose.service", "web").build();
        registry.put(container);
        registry.remove(container.id());

        assertThat(registry.snapshot().upstreams()).containsExactly(new Upstream("web", List.of()));
    }

    @Test
    void rendersDeclaredUpstreamsBeforeAnyContainerServesThem() {
        Registry declared = new Registry(selection(Optional.empty(), OptionalInt.empty(), "web"));

        assertThat(declared.snapshot().upstreams()).containsExactly(new Upstream("web", List.of()));
    }

    @Test
    void refusesAnUnsafeDeclaredUpstreamName() {
        assertThatThrownBy(() -> selection(Optional.empty(), OptionalInt.empty(), "web;evil"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("web;evil");
    }

    @Test
    void replaceAllForgetsContainersThatAreGone() {
        registry.put(web("web-1", "172.18.0.2").build());
        var survivor = web("web-2", "172.18.0.3").build();

        assertThat(registry.replaceAll(List.of(survivor))).isTrue();
        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.replaceAll(List.of(survivor))).isFalse();
    }

    @Test
    void leavesOutContainersThatAreNotRunning() {
        registry.put(web("web-1", "172.18.0.2").status("exited").build());

        assertThat(reasonFor("web-1")).isEqualTo("not running (exited)");
        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::kind).containsExactly(Exclusion.Kind.STATE);
    }

    @Test
    void leavesOutUnhealthyAndStartingContainers() {
        registry.put(web("sick", "172.18.0.2").health(Health.UNHEALTHY).build());
        registry.put(web("new", "172.18.0.3").health(Health.STARTING).build());
        registry.put(web("fine", "172.18.0.4").health(Health.HEALTHY).build());

        assertThat(reasonFor("sick")).isEqualTo("unhealthy");
        assertThat(reasonFor("new")).contains("starting");
        assertThat(registry.snapshot().backendCount()).isEqualTo(1);
    }

    @Test
    void usesTheOnlyExposedPortElseTheFlagElseTheLabel() {
        registry.put(web("only", "172.18.0.2").ports(8080).build());
        registry.put(web("labelled", "172.18.0.3").ports(80, 443).label("berth.port", "443").build());
        registry.put(web("several", "172.18.0.4").ports(80, 443).build());
        registry.put(web("none", "172.18.0.5").ports().build());

        assertThat(registry.snapshot().upstreams()).flatExtracting(Upstream::backends).extracting(Backend::endpoint)
                .containsExactlyInAnyOrder("172.18.0.2:8080", "172.18.0.3:443");
        assertThat(reasonFor("several")).contains("several TCP ports [80, 443]").contains("berth.port").contains("--port");
        assertThat(reasonFor("none")).contains("exposes no TCP port");

        Registry withFlag = new Registry(selection(Optional.empty(), OptionalInt.of(5090)));
        withFlag.put(web("several", "172.18.0.4").ports(80, 443).build());
        assertThat(withFlag.snapshot().upstreams().get(0).backends()).extracting(Backend::port).containsExactly(5090);
    }

    @Test
    void choosesTheNetworkByLabelThenFlagThenTheOnlyOne() {
        registry.put(web("two", "172.18.0.2").network("other_nw", "172.19.0.2", "").build());
        registry.put(web("labelled", "172.18.0.3").network("other_nw", "172.19.0.3", "").label("berth.network", "other_nw").build());

        assertThat(reasonFor("two")).contains("several networks [other_nw, web_nw]");
        assertThat(endpoints(registry.snapshot(), "labelled")).containsExactly("172.19.0.3:5090");

        Registry withFlag = new Registry(selection(Optional.of("web_nw"), OptionalInt.empty()));
        withFlag.put(web("two", "172.18.0.2").network("other_nw", "172.19.0.2", "").build());
        withFlag.put(web("elsewhere", "172.18.0.3").onlyNetwork("other_nw", "172.19.0.3", "").build());
        assertThat(endpoints(withFlag.snapshot(), "two")).containsExactly("172.18.0.2:5090");
        assertThat(withFlag.snapshot().exclusions()).extracting(Exclusion::reason)
                .containsExactly("is not on network web_nw (--network); it is on [other_nw]");
    }

    @Test
    void usesTheIpv6AddressOnAnIpv6OnlyNetwork() {
        registry.put(web("v6", "").onlyNetwork("v6_nw", "", "fd00::2").build());

        assertThat(endpoints(registry.snapshot(), "v6")).containsExactly("[fd00::2]:5090");
    }

    @Test
    void readsWeightAndBackup() {
        registry.put(web("heavy", "172.18.0.2").label("berth.weight", "5").label("berth.backup", "TRUE").build());

        Backend backend = registry.snapshot().upstreams().get(0).backends().get(0);
        assertThat(backend.weight()).isEqualTo(5);
        assertThat(backend.backup()).isTrue();
    }

    @Test
    void leavesOutAContainerWithABadLabelAndSaysWhichLabelAndValue() {
        registry.put(web("p", "172.18.0.2").label("berth.port", "80; include /etc/passwd").build());
        registry.put(web("w", "172.18.0.3").label("berth.weight", "1000").build());
        registry.put(web("b", "172.18.0.4").label("berth.backup", "maybe").build());
        registry.put(web("u", "172.18.0.5").label("berth.upstream", "web {\n}").build());
        registry.put(web("ok", "172.18.0.6").build());

        assertThat(reasonFor("p")).isEqualTo("label berth.port='80; include /etc/passwd' is not valid: expected a port from 1 to 65535");
        assertThat(reasonFor("w")).contains("berth.weight='1000'").contains("1 to 256");
        assertThat(reasonFor("b")).contains("berth.backup='maybe'").contains("true or false");
        assertThat(reasonFor("u")).contains("berth.upstream='web {\\u000a}'");
        assertThat(registry.snapshot().backendCount()).isEqualTo(1);
        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::kind).containsOnly(Exclusion.Kind.CONFIGURATION);
    }

    @Test
    void escapesNetworkNamesAndStatesInReasonsSoNoneCanForgeALogLine() {
        registry.put(web("two", "172.18.0.2").network("evil\n2026 WARN forged", "172.19.0.2", "").build());
        registry.put(web("lost", "172.18.0.3").label("berth.network", "x\u001b[2J").build());

        registry.put(web("odd", "172.18.0.4").status("exited\nforged").build());

        assertThat(reasonFor("two")).contains("[evil\\u000a2026 WARN forged, web_nw]");
        assertThat(reasonFor("odd")).isEqualTo("not running (exited\\u000aforged)");
        assertThat(reasonFor("lost")).contains("'x\\u001b[2J'");
        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::reason)
                .allSatisfy(reason -> assertThat(reason).doesNotContain("\n", "\u001b"));
    }

    /** Integer.parseInt took these as port 80 and weight 5 before; a typed label takes ASCII digits only. */
    @ParameterizedTest
    @ValueSource(strings = {"８０", "٨٠", "+80", "-80", "0x50", "1e3", "80.0", "8 0", "0", "65536", "99999999999"})
    void refusesAPortThatIsNotPlainAsciiDigitsInRange(String value) {
        registry.put(web("p", "172.18.0.2").label("berth.port", value).build());
        registry.put(web("w", "172.18.0.3").label("berth.weight", value.replace("80", "5")).build());

        assertThat(reasonFor("p")).isEqualTo("label berth.port='" + value + "' is not valid: expected a port from 1 to 65535");
        assertThat(reasonFor("w")).startsWith("label berth.weight='" + value.replace("80", "5") + "' is not valid");
        assertThat(registry.snapshot().backendCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", " 80", "80 ", "080", "00080"})
    void acceptsAPortOfAsciiDigitsWithSurroundingSpace(String value) {
        registry.put(web("p", "172.18.0.2").label("berth.port", value).build());

        assertThat(endpoints(registry.snapshot(), "p")).containsExactly("172.18.0.2:80");
    }

    /** Docker never gives such names; one that is not plain must reach neither a template nor a log line raw. */
    @Test
    void leavesOutAContainerWhoseNameOrIdIsNotPlainAndNamesItPrintably() {
        registry.put(web("evil\nserver 6.6.6.6:80;", "172.18.0.2").id("e1").label("berth.upstream", "web").build());
        registry.put(web("fine", "172.18.0.3").id("abc;{}\u001b").label("berth.upstream", "web").build());

        assertThat(registry.snapshot().backendCount()).isZero();
        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::containerName, Exclusion::reason).containsExactly(
                tuple("evil\\u000aserver 6.6.6.6:80;",
                        "container name 'evil\\u000aserver 6.6.6.6:80;' is not valid: expected letters, digits, '_', '.' and '-' as Docker gives, at most 255"),
                tuple("fine", "container id 'abc;{}\\u001b' is not valid: expected letters, digits, '_', '.' and '-' as Docker gives, at most 255"));
        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::containerId).contains("abc;{}\\u001b");
    }

    /** The fuzz found it: berth.upstream=true and =TRUE rendered two upstreams, and nginx -t said "duplicate upstream". */
    @Test
    void servesOnlyOneOfTwoUpstreamNamesThatDifferOnlyInCase() {
        Registry other = new Registry(selection(Optional.empty(), OptionalInt.empty()));
        var lower = web("a", "172.18.0.2").label("berth.upstream", "true").build();
        var upper = web("b", "172.18.0.3").label("berth.upstream", "TRUE").build();
        registry.put(lower);
        registry.put(upper);
        other.put(upper);
        other.put(lower);

        assertThat(registry.snapshot()).isEqualTo(other.snapshot());
        assertThat(registry.snapshot().upstreams()).extracting(Upstream::name).containsExactly("TRUE");
        assertThat(reasonFor("a")).isEqualTo("upstream true differs from upstream TRUE only in case, and nginx takes the two for one; give both the same name");

        registry.remove(upper.id());
        assertThat(registry.snapshot().upstreams()).extracting(Upstream::name).containsExactly("true");
        assertThat(registry.snapshot().exclusions()).isEmpty();
    }

    @Test
    void ofTwoUpstreamNamesThatDifferOnlyInCaseTheOneMoreContainersServeWins() {
        registry.put(web("a", "172.18.0.2").label("berth.upstream", "web").build());
        registry.put(web("b", "172.18.0.3").label("berth.upstream", "web").build());
        registry.put(web("c", "172.18.0.4").label("berth.upstream", "WEB").build());

        assertThat(registry.snapshot().upstreams()).extracting(Upstream::name).containsExactly("web");
        assertThat(reasonFor("c")).startsWith("upstream WEB differs from upstream web only in case");
    }

    /** The fuzz found it: a user template printing this name in a comment made nginx -t fail with "too long parameter". */
    @Test
    void leavesOutAContainerWhoseNameIsLongerThan255Characters() {
        registry.put(web("a".repeat(10_000), "172.18.0.2").id("long").label("berth.upstream", "web").build());

        assertThat(registry.snapshot().backendCount()).isZero();
        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::reason)
                .containsExactly("container name '" + "a".repeat(80) + "…' is not valid: expected letters, digits, '_', '.' and '-' as Docker gives, at most 255");
    }

    @Test
    void honoursALabelPrefix() {
        Registry custom = new Registry(new Selection(List.of(LabelFilter.parse("com.example.type")),
                new LabelSchema("proxy."), Optional.empty(), OptionalInt.empty(), new TreeSet<>()));
        custom.put(web("a", "172.18.0.2").label("proxy.upstream", "blue").label("berth.upstream", "ignored").build());

        assertThat(custom.snapshot().upstreams()).extracting(Upstream::name).containsExactly("blue");
    }
}
