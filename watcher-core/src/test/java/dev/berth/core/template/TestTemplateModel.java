package dev.berth.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.testing.Snapshots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maps templates read: every documented key, in a fixed order, equal to plain maps of the same values. */
final class TestTemplateModel {

    private static final Backend WEB_2 = Snapshots.backend("web-2", "172.18.0.4", 80, 5, false);

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> upstreams(Snapshot snapshot, TemplateModel.BackendKeys keys) {
        return (List<Map<String, Object>>) TemplateModel.of(snapshot, keys).get("upstreams");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstBackend(Map<String, Object> upstream) {
        return ((List<Map<String, Object>>) upstream.get("backends")).get(0);
    }

    @Test
    void aBackendHasEveryDocumentedKeyInOrderWithTheRenderersKeysFirst() {
        Snapshot snapshot = Snapshots.single("web", WEB_2);
        TemplateModel.BackendKeys serverName = u -> u.backends().stream().map(b -> Map.<String, Object>of("server_name", "s1")).toList();

        Map<String, Object> backend = firstBackend(upstreams(snapshot, serverName).get(0));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("server_name", "s1");
        expected.put("id", WEB_2.containerId());
        expected.put("name", "web-2");
        expected.put("address", "172.18.0.4");
        expected.put("port", 80);
        expected.put("endpoint", "172.18.0.4:80");
        expected.put("ipv6", false);
        expected.put("weight", 5);
        expected.put("backup", false);
        expected.put("health", "none");
        expected.put("labels", WEB_2.labels());
        assertThat(backend).containsExactlyEntriesOf(expected).isEqualTo(expected);
        assertThat(expected).isEqualTo(backend);
        assertThat(backend.hashCode()).isEqualTo(expected.hashCode());
        assertThat(backend.get("nope")).isNull();
        assertThat(backend.containsKey("server_name")).isTrue();
    }

    @Test
    void anUpstreamIsItsNameItsBackendsAndItsRoutes() {
        Map<String, Object> upstream = upstreams(Snapshots.emptyUpstreamSnapshot(), TemplateModel.NO_KEYS).get(0);

        assertThat(upstream).containsExactly(Map.entry("name", "web"), Map.entry("backends", List.of()), Map.entry("routes", List.of()));
        assertThat(upstream).isEqualTo(Map.of("name", "web", "backends", List.of(), "routes", List.of()));
    }

    @Test
    void hostsAreTheRoutesByHostNameInMatchOrderWithTheirPathsLongestFirst() {
        Snapshot snapshot = Snapshots.routed();

        Map<String, Object> model = TemplateModel.of(snapshot, TemplateModel.NO_KEYS, Map.of("routes", true));

        assertThat(model).containsKeys("upstreams", "hosts", "excluded", "options");
        assertThat(model.get("options")).isEqualTo(Map.of("routes", true));
        assertThat(model.get("hosts")).isEqualTo(List.of(
                Map.of("name", "app.example.com", "wildcard", false, "suffix", "app.example.com", "root", true, "paths", List.of(
                        Map.of("path", "/api/", "upstream", "api"), Map.of("path", "/", "upstream", "web"))),
                Map.of("name", "shop.example.com", "wildcard", false, "suffix", "shop.example.com", "root", false, "paths", List.of(
                        Map.of("path", "/cart", "upstream", "shop"))),
                Map.of("name", "*.example.org", "wildcard", true, "suffix", ".example.org", "root", true, "paths", List.of(
                        Map.of("path", "/", "upstream", "web")))));
        Map<String, Object> api = upstreams(snapshot, TemplateModel.NO_KEYS).get(0);
        assertThat(api.get("routes")).isEqualTo(List.of(
                Map.of("host", "app.example.com", "path", "/api/", "wildcard", false, "suffix", "app.example.com")));
    }

    @Test
    void twoModelsOfEqualUpstreamsAreEqualAndOfDifferentOnesAreNot() {
        Snapshot one = Snapshots.twoUpstreamsSnapshot();
        Snapshot same = Snapshots.twoUpstreamsReversed();
        Snapshot other = new Snapshot(List.of(new Upstream("web", List.of(WEB_2))), List.of());

        assertThat(upstreams(one, TemplateModel.NO_KEYS)).isEqualTo(upstreams(same, TemplateModel.NO_KEYS));
        assertThat(upstreams(one, TemplateModel.NO_KEYS).get(1)).isNotEqualTo(upstreams(other, TemplateModel.NO_KEYS).get(0));
    }
}
