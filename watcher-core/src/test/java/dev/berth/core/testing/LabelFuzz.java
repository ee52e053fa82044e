package dev.berth.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.ContainerState;
import dev.berth.core.model.Exclusion;
import dev.berth.core.model.Health;
import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.NetworkEndpoint;
import dev.berth.core.model.Printable;
import dev.berth.core.model.Route;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.registry.LabelSchema;
import dev.berth.core.registry.Registry;
import dev.berth.core.registry.Selection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Puts hostile values into every place Berth reads from a container (each label, the container's
 * name, id, networks and address, the Compose service), one place per container, mixed with valid
 * containers, and runs them through the real {@link Registry}. Checks what the registry made of each:
 * a valid container is served; a hostile one is served only where its value is valid (decided here
 * by the documented rules, independently of the resolver), else left out with a one-line reason that
 * names the label and the value.
 */
public final class LabelFuzz {

    /** Where a hostile value goes. */
    public enum Slot {
        UPSTREAM, PORT, WEIGHT, BACKUP, NETWORK_LABEL, NETWORK_NAME, SEVERAL_NETWORKS, ADDRESS, CONTAINER_NAME,
        CONTAINER_ID, COMPOSE_SERVICE, OTHER_LABEL, HOST, PATH
    }

    /** A label no Berth code reads: it reaches templates raw, under backends[].labels. */
    public static final String NOTE = "com.example.note";

    private static final LabelSchema LABELS = new LabelSchema(LabelSchema.DEFAULT_PREFIX);
    private static final String NETWORK = "fuzz_nw";
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]{0,255}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]{0,254}");
    /** The host of the PATH slot's containers, each in a group of its own. */
    private static final String FUZZ_HOST = "fuzz.test";

    /** One container and, for a hostile one, where its value went. */
    public record Case(ContainerState container, Optional<Slot> slot, String value) {
    }

    /** What the registry made of a batch of containers. */
    public record Batch(List<Case> cases, Snapshot snapshot) {
        public long hostile() {
            return cases.stream().filter(c -> c.slot().isPresent()).count();
        }
    }

    private final List<String> values;
    private final int perBatch;
    private final Random random;
    private int next;

    /** @param perBatch hostile containers per snapshot (valid ones come on top: one in twenty) */
    public LabelFuzz(List<String> values, long seed, int perBatch) {
        this.values = List.copyOf(values);
        this.perBatch = perBatch;
        this.random = new Random(seed);
    }

    /** Every value in every slot, in batches; each batch's snapshot comes from a fresh registry. */
    public List<Batch> batches() {
        List<Case> all = new ArrayList<>();
        for (String value : values) {
            for (Slot slot : Slot.values()) {
                all.add(hostile(slot, value));
            }
        }
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += perBatch) {
            List<Case> cases = new ArrayList<>(all.subList(from, Math.min(all.size(), from + perBatch)));
            for (int i = 0; i < Math.max(1, cases.size() / 20); i++) {
                cases.add(valid());
            }
            Registry registry = new Registry(new Selection(List.of(LabelFilter.parse("com.example.type=web")), LABELS,
                    Optional.empty(), OptionalInt.empty(), new TreeSet<>()));
            cases.forEach(c -> registry.put(c.container()));
            batches.add(new Batch(List.copyOf(cases), registry.snapshot()));
        }
        return batches;
    }

    private String nextAddress() {
        int n = ++next;
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private Case valid() {
        int n = ++next;
        Map<String, String> labels = new HashMap<>(Map.of("com.example.type", "web",
                LABELS.upstream(), "ok-" + n % 5, LABELS.port(), Integer.toString(1 + random.nextInt(65_535))));
        if (random.nextBoolean()) {
            labels.put(LABELS.weight(), Integer.toString(1 + random.nextInt(Backend.MAX_WEIGHT)));
        }
        if (random.nextBoolean()) {
            labels.put(LABELS.backup(), Boolean.toString(random.nextBoolean()));
        }
        if (random.nextBoolean()) {
            labels.put(LABELS.network(), NETWORK);
        }
        return new Case(container("valid" + n, "valid-" + n, labels, List.of(new NetworkEndpoint(NETWORK, nextAddress(), ""))),
                Optional.empty(), "");
    }

    private Case hostile(Slot slot, String value) {
        int n = ++next;
        String id = "hostile" + n;
        String name = "hostile-" + n;
        Map<String, String> labels = new HashMap<>(Map.of("com.example.type", "web", LABELS.upstream(), "fz", LABELS.port(), "8080"));
        List<NetworkEndpoint> networks = new ArrayList<>(List.of(new NetworkEndpoint(NETWORK, nextAddress(), "")));
        switch (slot) {
            case UPSTREAM -> labels.put(LABELS.upstream(), value);
            case PORT -> labels.put(LABELS.port(), value);
            case WEIGHT -> labels.put(LABELS.weight(), value);
            case BACKUP -> labels.put(LABELS.backup(), value);
            case NETWORK_LABEL -> labels.put(LABELS.network(), value);
            case NETWORK_NAME -> {
                networks.add(new NetworkEndpoint(value, nextAddress(), ""));
                labels.put(LABELS.network(), value);
            }
            case SEVERAL_NETWORKS -> networks.add(new NetworkEndpoint(value, nextAddress(), ""));
            case ADDRESS -> networks.set(0, new NetworkEndpoint(NETWORK, value, ""));
            case CONTAINER_NAME -> name = value;
            case CONTAINER_ID -> id = value;
            case COMPOSE_SERVICE -> {
                labels.remove(LABELS.upstream());
                labels.put(LabelSchema.COMPOSE_SERVICE, value);
            }
            case OTHER_LABEL -> labels.put(NOTE, value);
            // A group of its own, so that containers of one group never disagree on routes.
            case HOST -> {
                labels.put(LABELS.upstream(), "fzh-" + n);
                labels.put(LABELS.host(), value);
            }
            case PATH -> {
                labels.put(LABELS.upstream(), "fzp-" + n);
                labels.put(LABELS.host(), FUZZ_HOST);
                labels.put(LABELS.path(), value);
            }
        }
        return new Case(container(id, name, labels, networks), Optional.of(slot), value);
    }

    private static ContainerState container(String id, String name, Map<String, String> labels, List<NetworkEndpoint> networks) {
        return ContainerState.of(id, name, "running", labels, networks, Set.of(), Health.NONE);
    }

    /** Every container of the batch is served or left out as the label rules say, and nothing else is served. */
    public static void assertResolvedAsDocumented(Batch batch) {
        Snapshot snapshot = batch.snapshot();
        assertThat(snapshot.backendCount() + snapshot.exclusions().size()).as("served + left out").isEqualTo(batch.cases().size());
        Map<String, String> upstreamOf = new HashMap<>();
        Map<String, Backend> served = new HashMap<>();
        Map<String, Upstream> groups = new HashMap<>();
        for (Upstream upstream : snapshot.upstreams()) {
            groups.put(upstream.name(), upstream);
            for (Backend backend : upstream.backends()) {
                assertThat(served.put(backend.containerId(), backend)).as("one backend per container").isNull();
                upstreamOf.put(backend.containerId(), upstream.name());
            }
        }
        Map<String, Exclusion> excluded = new HashMap<>();
        for (Exclusion exclusion : snapshot.exclusions()) {
            assertThat(exclusion.kind()).isEqualTo(Exclusion.Kind.CONFIGURATION);
            for (String text : List.of(exclusion.containerId(), exclusion.containerName(), exclusion.reason())) {
                assertThat(oneVisibleLine(text)).as("printable: %s", text).isTrue();
            }
            excluded.put(exclusion.containerId(), exclusion);
        }
        for (Case c : batch.cases()) {
            String id = c.container().id();
            if (c.slot().isEmpty()) {
                assertThat(served).as("valid container %s", id).containsKey(id);
                continue;
            }
            Backend backend = served.get(id);
            String value = c.value();
            String shown = Printable.of(value);
            var described = assertThat(backend).as("%s=%s", c.slot().get(), shown);
            switch (c.slot().get()) {
                case UPSTREAM -> {
                    if (GROUP.matcher(value).matches()) {
                        assertServedIn(value, upstreamOf.get(id), excluded.get(id));
                    } else {
                        described.isNull();
                        assertThat(excluded.get(id).reason()).startsWith("label berth.upstream='" + shown + "' is not valid");
                    }
                }
                case PORT -> number(value, 65_535).ifPresentOrElse(port -> assertThat(backend.port()).isEqualTo(port), () -> {
                    described.isNull();
                    assertThat(excluded.get(id).reason()).startsWith("label berth.port='" + shown + "' is not valid");
                });
                case WEIGHT -> number(value, Backend.MAX_WEIGHT).ifPresentOrElse(w -> assertThat(backend.weight()).isEqualTo(w), () -> {
                    described.isNull();
                    assertThat(excluded.get(id).reason()).startsWith("label berth.weight='" + shown + "' is not valid");
                });
                case BACKUP -> {
                    String word = value.strip().toLowerCase(Locale.ROOT);
                    if (word.equals("true") || word.equals("false")) {
                        assertThat(backend.backup()).isEqualTo(word.equals("true"));
                    } else {
                        described.isNull();
                        assertThat(excluded.get(id).reason()).startsWith("label berth.backup='" + shown + "' is not valid");
                    }
                }
                case NETWORK_LABEL -> {
                    described.isNull();
                    assertThat(excluded.get(id).reason()).contains("'" + shown + "' named by label berth.network");
                }
                case NETWORK_NAME -> assertThat(backend.address())
                        .isEqualTo(c.container().networks().stream().filter(n -> n.network().equals(value)).findFirst().orElseThrow().ipv4());
                case SEVERAL_NETWORKS -> {
                    described.isNull();
                    assertThat(excluded.get(id).reason()).contains("is on several networks").contains(shown);
                }
                case ADDRESS -> {
                    if (backend != null) {
                        assertThat(backend.address()).isEqualTo(value);
                    } else {
                        assertThat(excluded.get(id).reason()).contains(value.isEmpty() ? "has no IP address" : "'" + shown + "'");
                    }
                }
                case CONTAINER_NAME -> {
                    if (PLAIN.matcher(value).matches()) {
                        assertThat(backend.containerName()).isEqualTo(value);
                    } else {
                        described.isNull();
                        assertThat(excluded.get(id)).extracting(Exclusion::containerName).isEqualTo(shown);
                        assertThat(excluded.get(id).reason()).startsWith("container name '" + shown + "' is not valid");
                    }
                }
                case CONTAINER_ID -> {
                    if (PLAIN.matcher(value).matches()) {
                        assertThat(backend).isNotNull();
                    } else {
                        described.isNull();
                        assertThat(excluded.get(shown).reason()).startsWith("container id '" + shown + "' is not valid");
                    }
                }
                case COMPOSE_SERVICE -> {
                    if (GROUP.matcher(value).matches()) {
                        assertServedIn(value, upstreamOf.get(id), excluded.get(id));
                    } else {
                        described.isNull();
                        assertThat(excluded.get(id).reason()).startsWith("'" + shown + "' cannot name an upstream");
                    }
                }
                case OTHER_LABEL -> assertThat(backend.labels()).containsEntry(NOTE, value);
                case HOST -> hosts(value).ifPresentOrElse(
                        hosts -> assertRouted(hosts.stream().map(h -> new Route(h, "/")).toList(), backend, groups.get(upstreamOf.get(id)),
                                excluded.get(id)),
                        () -> {
                            described.isNull();
                            assertThat(excluded.get(id).reason()).startsWith("label berth.host='" + shown + "' is not valid");
                        });
                case PATH -> {
                    String path = value.strip();
                    if (validPath(path)) {
                        assertRouted(List.of(new Route(FUZZ_HOST, path)), backend, groups.get(upstreamOf.get(id)), excluded.get(id));
                    } else {
                        described.isNull();
                        assertThat(excluded.get(id).reason()).startsWith("label berth.path='" + shown + "' is not valid");
                    }
                }
            }
        }
    }

    /**
     * Served in a group with exactly these routes, unless an earlier group (by name) has one of them:
     * values that differ only in case or surrounding space name the same route.
     */
    private static void assertRouted(List<Route> routes, Backend backend, Upstream group, Exclusion exclusion) {
        if (backend != null) {
            assertThat(group.routes()).containsExactlyInAnyOrderElementsOf(routes);
        } else {
            assertThat(exclusion.reason()).contains("(first by name) already has; give each route to one group");
        }
    }

    /** The documented rule for berth.host: comma-separated RFC 1123 names, each maybe starting "*.", space around allowed. */
    private static Optional<Set<String>> hosts(String value) {
        Set<String> hosts = new TreeSet<>();
        for (String item : value.split(",", -1)) {
            String host = item.strip();
            String name = host.startsWith("*.") ? host.substring(2) : host;
            if (host.length() > 253 || name.isEmpty()) {
                return Optional.empty();
            }
            for (String label : name.split("\\.", -1)) {
                if (!HOST_LABEL.matcher(label).matches()) {
                    return Optional.empty();
                }
            }
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
        return Optional.of(hosts);
    }

    /** The documented rule for berth.path: the safe alphabet, and no empty, "." or ".." segment but a final "/". */
    private static boolean validPath(String path) {
        if (!PATH.matcher(path).matches()) {
            return false;
        }
        List<String> segments = List.of(path.substring(1).split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals(".") || segment.equals("..") || segment.isEmpty() && !last) {
                return false;
            }
        }
        return true;
    }

    /** Served in the group named so, unless another group's name differs from it only in case. */
    private static void assertServedIn(String group, String servedIn, Exclusion exclusion) {
        if (servedIn != null) {
            assertThat(servedIn).isEqualTo(group);
        } else {
            assertThat(exclusion.reason()).startsWith("upstream " + group + " differs from upstream ")
                    .matches(r -> r.split(" ")[5].equalsIgnoreCase(group), "names a group differing only in case");
        }
    }

    /** The documented rule for port and weight labels: ASCII digits, surrounding space allowed, in range. */
    private static Optional<Integer> number(String value, int max) {
        String text = value.strip();
        if (!DIGITS.matcher(text).matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(text);
        return n >= 1 && n <= max ? Optional.of(n) : Optional.empty();
    }

    /** No character that ends or disguises a line: controls, format characters, separators, lone surrogates. */
    public static boolean oneVisibleLine(String text) {
        return text.codePoints().noneMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        });
    }
}
