package dev.berth.core.sync;

import static dev.berth.core.testing.Snapshots.backend;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.sync.Narrowing.LeftOut;
import dev.berth.core.sync.Narrowing.Outcome;
import dev.berth.core.sync.Narrowing.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class TestNarrowing {

    /**
     * A proxy that rejects every group whose name starts with "bad" and has a server, as nginx a
     * backup-only upstream; it names the first such group's line only when told to.
     */
    private static final class FakeProxy implements Narrowing.Checker {
        final List<Snapshot> checked = new ArrayList<>();
        boolean pointsAtTheLine;

        @Override
        public Optional<Rejection> check(Snapshot candidate) {
            checked.add(candidate);
            return firstBad(candidate).map(this::rejection);
        }

        Rejection rejection(String group) {
            return new Rejection("nginx: [emerg] no servers in upstream \"" + group + "\"",
                    pointsAtTheLine ? Optional.of(group) : Optional.empty());
        }

        Rejection verdictOn(Snapshot snapshot) {
            return rejection(firstBad(snapshot).orElseThrow());
        }

        private static Optional<String> firstBad(Snapshot candidate) {
            return candidate.upstreams().stream().filter(u -> u.name().startsWith("bad") && !u.backends().isEmpty())
                    .map(Upstream::name).findFirst();
        }
    }

    private final FakeProxy proxy = new FakeProxy();

    private static Upstream group(String name, String... addresses) {
        return new Upstream(name, Arrays.stream(addresses).map(a -> backend(name + "-" + a.replace('.', '-'), a, 80, 0, false)).toList());
    }

    private static Snapshot snapshot(Upstream... upstreams) {
        return new Snapshot(List.of(upstreams), List.of());
    }

    private static List<String> groups(Optional<Snapshot> snapshot) {
        return snapshot.orElseThrow().upstreams().stream().map(Upstream::name).toList();
    }

    private static List<String> leftOut(Outcome outcome) {
        return outcome.leftOut().stream().map(LeftOut::group).toList();
    }

    @Test
    void theGroupTheErrorPointsAtIsLeftOutAndTheRestGoesIntoEffectWithOneMoreCheck() {
        proxy.pointsAtTheLine = true;
        Snapshot wanted = snapshot(group("web", "10.0.0.1"), group("bad", "10.0.0.2"), group("api", "10.0.0.3"));

        Outcome outcome = new Narrowing(proxy).narrow(Optional.empty(), wanted, proxy.verdictOn(wanted));

        assertThat(leftOut(outcome)).containsExactly("bad");
        assertThat(groups(outcome.effect())).containsExactly("api", "web");
        assertThat(outcome.checks()).isEqualTo(1);
        assertThat(proxy.checked).last().isEqualTo(outcome.effect().get());
    }

    @Test
    void withoutALineTheGroupIsFoundByHalvingTheChangedGroups() {
        List<Upstream> upstreams = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            upstreams.add(group((i == 11 ? "bad" : "web") + i, "10.0.0." + (i + 1)));
        }
        Snapshot wanted = new Snapshot(upstreams, List.of());

        Outcome outcome = new Narrowing(proxy).narrow(Optional.empty(), wanted, proxy.verdictOn(wanted));

        assertThat(leftOut(outcome)).containsExactly("bad11");
        assertThat(outcome.effect().orElseThrow().upstreams()).hasSize(15);
        assertThat(outcome.checks()).as("log2(16) halvings, then what goes into effect").isEqualTo(5);
        assertThat(proxy.checked).last().isEqualTo(outcome.effect().get());
    }

    @Test
    void everyBadGroupIsLeftOutWithTheProxysOwnErrorForIt() {
        Snapshot wanted = snapshot(group("bad-a", "10.0.0.1"), group("web", "10.0.0.2"), group("bad-b", "10.0.0.3"),
                group("api", "10.0.0.4"));

        Outcome outcome = new Narrowing(proxy).narrow(Optional.empty(), wanted, proxy.verdictOn(wanted));

        assertThat(outcome.leftOut()).extracting(LeftOut::group, LeftOut::error).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("bad-a", "nginx: [emerg] no servers in upstream \"bad-a\""),
                org.assertj.core.groups.Tuple.tuple("bad-b", "nginx: [emerg] no servers in upstream \"bad-b\""));
        assertThat(groups(outcome.effect())).containsExactly("api", "web");
    }

    @Test
    void onlyGroupsThatChangedSinceTheProxyLastAcceptedAreSuspected() {
        // The proxy's error points at an unchanged group (nginx names the second of two duplicates).
        Snapshot accepted = snapshot(group("web", "10.0.0.1"), group("api", "10.0.0.2"));
        Snapshot wanted = snapshot(group("web", "10.0.0.1"), group("api", "10.0.0.2", "10.0.0.3"), group("bad", "10.0.0.4"));
        Rejection pointingAtWeb = new Rejection("nginx: [emerg] duplicate upstream \"web\"", Optional.of("web"));

        Outcome outcome = new Narrowing(proxy).narrow(Optional.of(accepted), wanted, pointingAtWeb);

        assertThat(leftOut(outcome)).containsExactly("bad");
        assertThat(outcome.effect().orElseThrow().upstreams()).containsExactly(group("api", "10.0.0.2", "10.0.0.3"), group("web", "10.0.0.1"));
        assertThat(proxy.checked).allSatisfy(candidate -> assertThat(candidate.upstreams()).contains(group("web", "10.0.0.1")));
    }

    @Test
    void aLeftOutGroupStaysAsTheProxyLastAcceptedItAndItsNewContainersAreLeftOutWithTheError() {
        proxy.pointsAtTheLine = true;
        Snapshot accepted = snapshot(group("bad"), group("web", "10.0.0.1"));
        Upstream rejected = group("bad", "10.0.0.2");
        Snapshot wanted = snapshot(rejected, group("web", "10.0.0.1", "10.0.0.3"));

        Outcome outcome = new Narrowing(proxy).narrow(Optional.of(accepted), wanted, proxy.verdictOn(wanted));

        Snapshot effect = outcome.effect().orElseThrow();
        assertThat(effect.upstreams()).containsExactly(group("bad"), group("web", "10.0.0.1", "10.0.0.3"));
        assertThat(effect.exclusions()).singleElement().satisfies(e -> {
            assertThat(e.containerName()).isEqualTo("bad-10-0-0-2");
            assertThat(e.kind()).isEqualTo(Exclusion.Kind.CONFIGURATION);
            assertThat(e.reason()).isEqualTo("upstream bad is left out: the proxy rejected it: nginx: [emerg] no servers in upstream \"bad\"");
        });
        assertThat(outcome.leftOut()).singleElement().satisfies(out -> {
            assertThat(out.stillRejectedIn(wanted)).as("held while its containers stay").isTrue();
            assertThat(out.stillRejectedIn(snapshot(group("bad", "10.0.0.2", "10.0.0.9")))).as("held once they change").isFalse();
        });
    }

    @Test
    void whenEveryChangeIsLeftOutNothingGoesIntoEffectAndWhatTheProxyRunsIsNotCheckedAgain() {
        Snapshot accepted = snapshot(group("web", "10.0.0.1"));
        Snapshot wanted = snapshot(group("web", "10.0.0.1"), group("bad", "10.0.0.2"));

        Outcome outcome = new Narrowing(proxy).narrow(Optional.of(accepted), wanted, proxy.verdictOn(wanted));

        assertThat(outcome.effect()).isEmpty();
        assertThat(leftOut(outcome)).containsExactly("bad");
        assertThat(proxy.checked).isEmpty();
    }

    @Test
    void aProxyThatRejectsEvenWhatItAcceptedBeforeHoldsNothingBack() {
        Snapshot accepted = snapshot(group("web", "10.0.0.1"));

        Outcome outcome = new Narrowing(candidate -> Optional.of(new Rejection("nginx: [emerg] open() \"/dev/stderr\" failed", Optional.empty())))
                .narrow(Optional.of(accepted), accepted, new Rejection("nginx: [emerg] open() \"/dev/stderr\" failed", Optional.empty()));

        assertThat(outcome.effect()).isEmpty();
        assertThat(outcome.leftOut()).isEmpty();
    }

    @Test
    void theChecksAreBoundedAndNothingIsHeldBackWhenTheyRunOut() {
        List<Upstream> upstreams = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            upstreams.add(group("bad" + i, "10.0.1." + (i + 1)));
        }
        Snapshot wanted = new Snapshot(upstreams, List.of());

        Outcome outcome = new Narrowing(proxy, 10).narrow(Optional.empty(), wanted, proxy.verdictOn(wanted));

        assertThat(outcome.effect()).isEmpty();
        assertThat(outcome.leftOut()).isEmpty();
        assertThat(proxy.checked).hasSize(10);
    }

    @Test
    void theLineComesFromTheProxysErrorByTheFilesNameWhereverTheProxySeesIt() {
        assertThat(Narrowing.lineIn("nginx: [emerg] no servers in upstream \"web\" in /etc/nginx/conf.d/web.conf:11", "web.conf"))
                .isEqualTo(OptionalInt.of(11));
        assertThat(Narrowing.lineIn("[ALERT] config : parsing [/usr/local/etc/haproxy/haproxy.cfg:23] : unknown keyword", "haproxy.cfg"))
                .isEqualTo(OptionalInt.of(23));
        assertThat(Narrowing.lineIn("[ALERT] config : [haproxy.cfg:7] : 'server web/a' : weight", "haproxy.cfg"))
                .isEqualTo(OptionalInt.of(7));
        assertThat(Narrowing.lineIn("nginx: [emerg] host not found in upstream \"web\" in /etc/nginx/nginx.conf:30", "web.conf"))
                .as("another file").isEmpty();
        assertThat(Narrowing.lineIn("nginx: [emerg] unknown directive in /etc/nginx/conf.d/myweb.conf:3", "web.conf"))
                .as("a file whose name ends alike").isEmpty();
    }
}
