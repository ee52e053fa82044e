package dev.berth.core.registry;

import static dev.berth.core.registry.Containers.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.Route;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Routes from the labels berth.host and berth.path: parsed per container, decided per group. */
final class TestRouting {

    private final Registry registry = new Registry(new Selection(List.of(LabelFilter.parse("com.example.type=web")),
            new LabelSchema("berth."), Optional.empty(), OptionalInt.empty(), new TreeSet<>()));

    private Upstream upstream(Snapshot snapshot, String name) {
        return snapshot.upstreams().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    private String reasonFor(Snapshot snapshot, String container) {
        return snapshot.exclusions().stream().filter(e -> e.containerName().equals(container)).map(Exclusion::reason)
                .findFirst().orElseThrow();
    }

    private static Containers in(String group, String name, String ip) {
        return web(name, ip).label("berth.upstream", group);
    }

    @Test
    void everyHostNameOfTheLabelWithThePathRoutesToTheGroup() {
        registry.put(in("web", "web-1", "172.18.0.2").label("berth.host", " App.Example.com , *.example.org").build());
        registry.put(in("api", "api-1", "172.18.0.3").label("berth.host", "app.example.com").label("berth.path", "/api").build());
        registry.put(in("plain", "plain-1", "172.18.0.4").build());

        Snapshot snapshot = registry.snapshot();

        assertThat(upstream(snapshot, "web").routes()).containsExactly(new Route("app.example.com", "/"), new Route("*.example.org", "/"));
        assertThat(upstream(snapshot, "api").routes()).containsExactly(new Route("app.example.com", "/api"));
        assertThat(upstream(snapshot, "plain").routes()).isEmpty();
        assertThat(snapshot.exclusions()).isEmpty();
    }

    @Test
    void aBadHostOrPathLeavesTheContainerOutWithTheReason() {
        registry.put(in("web", "web-1", "172.18.0.2").label("berth.host", "a.com,evil.com;\n  server 1.2.3.4").build());
        registry.put(in("web", "web-2", "172.18.0.3").label("berth.host", "a.com").label("berth.path", "/x { return 200; }").build());
        registry.put(in("web", "web-3", "172.18.0.4").label("berth.host", "a.com,,b.com").build());
        registry.put(in("web", "web-4", "172.18.0.5").label("berth.path", "/api").build());
        registry.put(in("ok", "ok-1", "172.18.0.6").label("berth.host", "ok.com").build());

        Snapshot snapshot = registry.snapshot();

        assertThat(snapshot.upstreams()).extracting(Upstream::name).containsExactly("ok");
        assertThat(reasonFor(snapshot, "web-1")).isEqualTo("label berth.host='a.com,evil.com;\\u000a  server 1.2.3.4' is not valid:"
                + " expected comma-separated host names, and 'evil.com;\\u000a  server 1.2.3.4' is not a host name (RFC 1123:"
                + " letters, digits and '-' in dot-separated labels of at most 63, at most 253 in all), optionally starting with '*.'");
        assertThat(reasonFor(snapshot, "web-2")).startsWith("label berth.path='/x { return 200; }' is not valid: expected a path starting with '/'");
        assertThat(reasonFor(snapshot, "web-3")).contains("and '' is not a host name");
        assertThat(reasonFor(snapshot, "web-4")).isEqualTo("label berth.path is set without label berth.host: a path is routed on the host names given there");
        assertThat(snapshot.exclusions()).extracting(Exclusion::kind).containsOnly(Exclusion.Kind.CONFIGURATION);
    }

    @Test
    void aRouteTwoGroupsAskForGoesToTheFirstByNameAndTheOtherGroupIsLeftOut() {
        registry.put(in("blue", "blue-1", "172.18.0.2").label("berth.host", "app.com,blue.com").build());
        registry.put(in("blue", "blue-2", "172.18.0.3").label("berth.host", "app.com,blue.com").build());
        registry.put(in("alpha", "alpha-1", "172.18.0.4").label("berth.host", "APP.com").build());
        registry.put(in("gamma", "gamma-1", "172.18.0.5").label("berth.host", "app.com").label("berth.path", "/g").build());

        Snapshot snapshot = registry.snapshot();

        assertThat(upstream(snapshot, "alpha").routes()).containsExactly(new Route("app.com", "/"));
        assertThat(upstream(snapshot, "blue").backends()).isEmpty();
        assertThat(upstream(snapshot, "blue").routes()).isEmpty();
        assertThat(upstream(snapshot, "gamma").routes()).containsExactly(new Route("app.com", "/g"));
        assertThat(reasonFor(snapshot, "blue-1")).isEqualTo(
                "group blue asks for host app.com path /, which group alpha (first by name) already has; give each route to one group");
        assertThat(snapshot.exclusions()).extracting(Exclusion::containerName).containsExactly("blue-1", "blue-2");
    }

    @Test
    void theLoserServesAgainOnceTheWinnerLetsTheRouteGo() {
        var alpha = in("alpha", "alpha-1", "172.18.0.4").label("berth.host", "app.com").build();
        registry.put(alpha);
        registry.put(in("blue", "blue-1", "172.18.0.2").label("berth.host", "app.com").build());
        assertThat(upstream(registry.snapshot(), "blue").backends()).isEmpty();

        registry.remove(alpha.id());
        Snapshot snapshot = registry.snapshot();

        assertThat(upstream(snapshot, "blue").backends()).extracting(Backend::containerName).containsExactly("blue-1");
        assertThat(upstream(snapshot, "blue").routes()).containsExactly(new Route("app.com", "/"));
        assertThat(upstream(snapshot, "alpha").routes()).isEmpty();
        assertThat(snapshot.exclusions()).isEmpty();
    }

    @Test
    void containersOfOneGroupThatDisagreeAreLeftOutAndTheMostAgreedRoutesAreTheGroups() {
        registry.put(in("web", "web-1", "172.18.0.2").label("berth.host", "new.com").build());
        registry.put(in("web", "web-2", "172.18.0.3").label("berth.host", "old.com").build());
        registry.put(in("web", "web-3", "172.18.0.4").label("berth.host", "old.com").build());
        registry.put(in("web", "web-4", "172.18.0.5").build());

        Snapshot snapshot = registry.snapshot();

        assertThat(upstream(snapshot, "web").routes()).containsExactly(new Route("old.com", "/"));
        assertThat(upstream(snapshot, "web").backends()).extracting(Backend::containerName).containsExactly("web-2", "web-3");
        assertThat(reasonFor(snapshot, "web-1")).isEqualTo("its labels berth.host and berth.path route new.com/, but group web's"
                + " other containers route old.com/; give a group's containers the same labels");
        assertThat(reasonFor(snapshot, "web-4")).contains("route nothing, but");
    }

    @Test
    void aTieGoesToTheRoutesOfTheFirstContainerWhateverTheOrderTheyArrivedIn() {
        var b = in("web", "web-b", "172.18.0.3").label("berth.host", "b.com").build();
        var a = in("web", "web-a", "172.18.0.2").label("berth.host", "a.com").build();
        registry.put(b);
        registry.put(a);
        Registry other = new Registry(new Selection(List.of(LabelFilter.parse("com.example.type=web")),
                new LabelSchema("berth."), Optional.empty(), OptionalInt.empty(), new TreeSet<>()));
        other.put(a);
        other.put(b);

        assertThat(upstream(registry.snapshot(), "web").routes()).containsExactly(new Route("a.com", "/"));
        assertThat(registry.snapshot()).isEqualTo(other.snapshot());
    }
}
