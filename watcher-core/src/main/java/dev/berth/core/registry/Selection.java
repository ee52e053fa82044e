package dev.berth.core.registry;

import static java.util.Objects.requireNonNull;

import dev.berth.core.model.LabelFilter;
import dev.berth.core.model.Printable;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.UsageException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which containers Berth serves, and the defaults for what their labels leave open.
 *
 * @param filters label filters a container must all match (--select)
 * @param network the network whose address to use when the container's label names none (--network)
 * @param port the port to use when the container's label names none (--port)
 * @param declaredUpstreams upstreams rendered even before any container serves them (--upstream)
 */
public record Selection(
        List<LabelFilter> filters,
        LabelSchema labels,
        Optional<String> network,
        OptionalInt port,
        SortedSet<String> declaredUpstreams) {

    public Selection {
        filters = List.copyOf(filters);
        requireNonNull(labels, "labels");
        requireNonNull(network, "network");
        requireNonNull(port, "port");
        declaredUpstreams = Collections.unmodifiableSortedSet(new TreeSet<>(declaredUpstreams));
        for (String name : declaredUpstreams) {
            if (!Upstream.NAME.matcher(name).matches()) {
                throw new UsageException("upstream name '" + Printable.of(name)
                        + "' is not valid: letters, digits, '_', '.' and '-', at most 128");
            }
        }
    }

    public boolean selects(Map<String, String> containerLabels) {
        return filters.stream().allMatch(f -> f.matches(containerLabels));
    }
}
