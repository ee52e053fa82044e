package dev.berth.core.registry;

import static dev.berth.core.registry.Containers.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.Snapshot;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** How each Docker lifecycle event, once its container is inspected, changes who serves. */
final class TestRegistryTransitions {

    private static Selection selection(Optional<String> network) {
        return new Selection(List.of(LabelFilter.parse("com.example.type=web")), new LabelSchema("berth."),
                network, OptionalInt.empty(), new TreeSet<>());
    }

    private final Registry registry = new Registry(selection(Optional.empty()));

    private List<String> served(Registry in) {
        return in.snapshot().upstreams().stream().flatMap(u -> u.backends().stream())
                .map(b -> b.containerName() + "@" + b.endpoint()).sorted().toList();
    }

    private List<String> served() {
        return served(registry);
    }

    private static Optional<String> reason(Registry in, String container) {
        return in.snapshot().exclusions().stream().filter(e -> e.containerName().equals(container))
                .map(Exclusion::reason).findFirst();
    }

    private Optional<String> reason(String container) {
        return reason(registry, container);
    }

    @Test
    void aStartedContainerServesAndACrashedOneLeavesAtOnce() {
        assertThat(registry.put(web("web-1", "172.18.0.2").build())).isTrue();
        assertThat(served()).containsExactly("web-1@172.18.0.2:5090");

        assertThat(registry.put(web("web-1", "172.18.0.2").status("exited").build())).as("die").isTrue();

        assertThat(served()).isEmpty();
        assertThat(reason("web-1")).contains("not running (exited)");
    }

    @Test
    void aDestroyedContainerIsForgotten() {
        registry.put(web("web-1", "172.18.0.2").build());

        assertThat(registry.remove(web("web-1", "172.18.0.2").build().id())).isTrue();

        assertThat(registry.snapshot().exclusions()).isEmpty();
        assertThat(served()).isEmpty();
    }

    @Test
    void aContainerThatReceivedSigtermLeavesBeforeItExits() {
        registry.put(web("web-1", "172.18.0.2").build());
        registry.put(web("web-2", "172.18.0.3").build());
        String id = web("web-1", "172.18.0.2").build().id();

        assertThat(registry.drain(id)).isTrue();

        assertThat(served()).containsExactly("web-2@172.18.0.3:5090");
        assertThat(reason("web-1")).hasValueSatisfying(r -> assertThat(r).startsWith("draining"));
        assertThat(registry.snapshot().exclusions()).extracting(Exclusion::kind).containsExactly(Exclusion.Kind.STATE);
    }

    @Test
    void aDrainingContainerStaysOutThoughInspectSaysRunningAndAcrossAFullResync() {
        registry.put(web("web-1", "172.18.0.2").build());
        String id = web("web-1", "172.18.0.2").build().id();
        registry.drain(id);

        assertThat(registry.put(web("web-1", "172.18.0.2").build())).as("inspected after the kill event").isFalse();
        assertThat(registry.replaceAll(List.of(web("web-1", "172.18.0.2").build(), web("web-2", "172.18.0.3").build())))
                .isTrue();

        assertThat(served()).containsExactly("web-2@172.18.0.3:5090");
        assertThat(reason("web-1")).hasValueSatisfying(r -> assertThat(r).startsWith("draining"));
    }

    @Test
    void aDrainEndsWhenTheContainerStartsAgain() {
        registry.put(web("web-1", "172.18.0.2").build());
        String id = web("web-1", "172.18.0.2").build().id();
        registry.drain(id);

        assertThat(registry.stopDraining(id)).isTrue();

        assertThat(served()).containsExactly("web-1@172.18.0.2:5090");
    }

    @Test
    void aDrainingContainerThatExitedIsNotRunningAndADestroyForgetsTheDrain() {
        registry.put(web("web-1", "172.18.0.2").build());
        String id = web("web-1", "172.18.0.2").build().id();
        registry.drain(id);

        registry.stopDraining(id);
        registry.put(web("web-1", "172.18.0.2").status("exited").build());
        assertThat(reason("web-1")).contains("not running (exited)");

        registry.remove(id);
        assertThat(registry.put(web("web-1", "172.18.0.2").build())).isTrue();
        assertThat(served()).containsExactly("web-1@172.18.0.2:5090");
    }

    @Test
    void aResyncThatNoLongerListsADrainingContainerForgetsItsDrain() {
        registry.put(web("web-1", "172.18.0.2").build());
        String id = web("web-1", "172.18.0.2").build().id();
        registry.drain(id);

        registry.replaceAll(List.of());
        registry.put(web("web-1", "172.18.0.2").build());

        assertThat(served()).as("started again while no event came through").containsExactly("web-1@172.18.0.2:5090");
    }

    @Test
    void aKillEventBeforeTheContainerIsKnownStillKeepsItOut() {
        String id = web("web-1", "172.18.0.2").build().id();

        assertThat(registry.drain(id)).as("nothing served changed yet").isFalse();
        registry.put(web("web-1", "172.18.0.2").build());

        assertThat(served()).isEmpty();
    }

    @Test
    void withoutDrainingAKilledContainerServesUntilItExits() {
        Registry noDrain = new Registry(selection(Optional.empty()), new ServingPolicy(false, Set.of()));
        noDrain.put(web("web-1", "172.18.0.2").build());

        assertThat(noDrain.drain(web("web-1", "172.18.0.2").build().id())).isFalse();

        assertThat(served(noDrain)).containsExactly("web-1@172.18.0.2:5090");
    }

    @Test
    void eventsForContainersBerthDoesNotKnowChangeNothing() {
        assertThat(registry.remove("unknown")).isFalse();
        assertThat(registry.stopDraining("unknown")).isFalse();
        assertThat(registry.snapshot()).isEqualTo(Snapshot.EMPTY);
    }

    @Test
    void aPausedContainerLeavesAndComesBackWhenUnpaused() {
        registry.put(web("web-1", "172.18.0.2").build());

        assertThat(registry.put(web("web-1", "172.18.0.2").status("paused").build())).isTrue();
        assertThat(reason("web-1")).contains("not running (paused)");

        assertThat(registry.put(web("web-1", "172.18.0.2").build())).isTrue();
        assertThat(served()).containsExactly("web-1@172.18.0.2:5090");
    }

    @Test
    void startingAndUnhealthyContainersAreLeftOutAndAHealthyOneComesBack() {
        registry.put(web("web-1", "172.18.0.2").health(Health.STARTING).build());
        assertThat(reason("web-1")).contains("health check has not passed yet (starting)");

        registry.put(web("web-1", "172.18.0.2").health(Health.HEALTHY).build());
        assertThat(served()).containsExactly("web-1@172.18.0.2:5090");

        registry.put(web("web-1", "172.18.0.2").health(Health.UNHEALTHY).build());
        assertThat(reason("web-1")).contains("unhealthy");
        assertThat(served()).isEmpty();
    }

    @Test
    void thePolicyCanServeStartingOrUnhealthyContainers() {
        Registry starting = new Registry(selection(Optional.empty()), new ServingPolicy(true, Set.of(Health.STARTING)));
        starting.put(web("web-1", "172.18.0.2").health(Health.STARTING).build());
        starting.put(web("web-2", "172.18.0.3").health(Health.UNHEALTHY).build());

        assertThat(served(starting)).containsExactly("web-1@172.18.0.2:5090");
        assertThat(reason(starting, "web-2")).contains("unhealthy");

        Registry both = new Registry(selection(Optional.empty()),
                new ServingPolicy(true, Set.of(Health.STARTING, Health.UNHEALTHY)));
        both.put(web("web-2", "172.18.0.3").health(Health.UNHEALTHY).build());
        assertThat(served(both)).containsExactly("web-2@172.18.0.3:5090");
    }

    @Test
    void aRenamedContainerIsTheSameBackendUnderItsNewName() {
        registry.put(web("web-1", "172.18.0.2").label("berth.upstream", "web").build());
        String id = web("web-1", "172.18.0.2").build().id();

        registry.put(web("web-renamed", "172.18.0.2").id(id).label("berth.upstream", "web").build());

        assertThat(served()).containsExactly("web-renamed@172.18.0.2:5090");
    }

    @Test
    void aContainerOnSeveralNetworksIsReachedOnTheOneItSharesWithTheProxies() {
        registry.useProxyNetworks(Set.of("front"));

        registry.put(web("web-1", "172.18.0.2").network("front", "172.20.0.2", "").build());

        assertThat(served()).containsExactly("web-1@172.20.0.2:5090");
    }

    @Test
    void aNetworkConnectOrDisconnectMovesTheAddress() {
        registry.useProxyNetworks(Set.of("front"));
        registry.put(web("web-1", "172.18.0.2").build());
        assertThat(served()).as("its only network").containsExactly("web-1@172.18.0.2:5090");

        assertThat(registry.put(web("web-1", "172.18.0.2").network("front", "172.20.0.2", "").build()))
                .as("connect front").isTrue();
        assertThat(served()).containsExactly("web-1@172.20.0.2:5090");

        assertThat(registry.put(web("web-1", "").onlyNetwork("front", "172.20.0.2", "").build()))
                .as("disconnect web_nw").isFalse();
        assertThat(registry.put(web("web-1", "172.18.0.2").build())).as("disconnect front").isTrue();
        assertThat(served()).containsExactly("web-1@172.18.0.2:5090");
    }

    @Test
    void theNetworkLabelAndTheFlagComeBeforeTheProxiesNetwork() {
        registry.useProxyNetworks(Set.of("front"));
        registry.put(web("web-1", "172.18.0.2").network("front", "172.20.0.2", "").label("berth.network", "web_nw").build());
        assertThat(served()).containsExactly("web-1@172.18.0.2:5090");

        Registry flag = new Registry(selection(Optional.of("web_nw")));
        flag.useProxyNetworks(Set.of("front"));
        flag.put(web("web-2", "172.18.0.3").network("front", "172.20.0.3", "").build());
        assertThat(served(flag)).containsExactly("web-2@172.18.0.3:5090");
    }

    @Test
    void aContainerThatLeavesAChoiceOrNoneIsLeftOutWithTheReason() {
        registry.useProxyNetworks(Set.of("front", "back"));
        registry.put(web("both", "172.18.0.2").network("front", "172.20.0.2", "").network("back", "172.21.0.2", "").build());
        registry.put(web("neither", "172.18.0.3").network("other", "172.22.0.3", "").build());

        assertThat(served()).isEmpty();
        assertThat(reason("both")).contains(
                "shares several networks [back, front] with the proxy containers; set label berth.network or --network");
        assertThat(reason("neither")).contains("is on several networks [other, web_nw], none of them a proxy container's "
                + "[back, front]; set label berth.network or --network");
    }

    @Test
    void newProxyNetworksReResolveTheContainersAlreadyKnown() {
        registry.put(web("web-1", "172.18.0.2").network("front", "172.20.0.2", "").build());
        assertThat(reason("web-1")).hasValueSatisfying(r -> assertThat(r).startsWith("is on several networks"));

        assertThat(registry.useProxyNetworks(Set.of("front"))).isTrue();

        assertThat(served()).containsExactly("web-1@172.20.0.2:5090");
        assertThat(registry.useProxyNetworks(Set.of("front"))).as("the same again").isFalse();
    }

    @Test
    void anIpv6OnlyNetworkSharedWithTheProxiesGivesABracketedEndpoint() {
        registry.useProxyNetworks(Set.of("v6"));

        registry.put(web("web-1", "172.18.0.2").network("v6", "", "fd00:1::2").build());

        assertThat(registry.snapshot().upstreams().get(0).backends()).extracting(Backend::endpoint)
                .containsExactly("[fd00:1::2]:5090");
    }
}
