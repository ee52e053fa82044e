package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** A group of backends that one proxy upstream (nginx) or backend (HAProxy) serves. */
public record Upstream(String name, List<Backend> backends) {

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
    }
}
