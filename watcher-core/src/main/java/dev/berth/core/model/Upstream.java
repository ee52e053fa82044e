package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A group of backends that one proxy upstream (nginx) or backend (HAProxy) serves.
 *
 * @param routes the host names and paths that reach the group, in {@link Route#MATCH_ORDER}; none: only upstream membership
 */
public record Upstream(String name, List<Backend> backends, List<Route> routes) {

    /** Backends in a fixed order, so that the same containers always render the same bytes. */
    public static final Comparator<Backend> ORDER = Comparator.comparing(Backend::containerName)
            .thenComparing(Backend::containerId)
            .thenComparing(Backend::address)
            .thenComparingInt(Backend::port);

    /** Safe in nginx and HAProxy names alike: no space, quote, semicolon, brace or newline. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public Upstream {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("upstream name '" + Printable.of(name)
                    + "' is not valid: letters, digits, '_', '.' and '-', at most 128");
        }
        backends = backends.stream().sorted(ORDER).toList();
        routes = routes.stream().sorted(Route.MATCH_ORDER).distinct().toList();
    }

    /** A group that no host name or path routes to. */
    public Upstream(String name, List<Backend> backends) {
        this(name, backends, List.of());
    }
}
