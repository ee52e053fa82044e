package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;

/** A group of backends that one proxy upstream (nginx) or backend (HAProxy) serves. */
public record Upstream(String name, List<Backend> backends) {

    /** Backends in a fixed order, so that the same containers always render the same bytes. */
    public static final Comparator<Backend> ORDER = Comparator.comparing(Backend::containerName)
            .thenComparing(Backend::containerId)
            .thenComparing(Backend::address)
            .thenComparingInt(Backend::port);

    public Upstream {
        requireNonNull(name, "name");
        backends = backends.stream().sorted(ORDER).toList();
    }
}
