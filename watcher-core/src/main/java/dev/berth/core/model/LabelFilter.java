package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import dev.berth.core.spi.UsageException;
import java.util.Map;
import java.util.Optional;

/** KEY=VALUE (the label has that value) or KEY (the label is present), as in `docker ps --filter label=`. */
public record LabelFilter(String key, Optional<String> value) {

    public LabelFilter {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
    }

    public static LabelFilter parse(String text) {
        int eq = text.indexOf('=');
        String key = (eq < 0 ? text : text.substring(0, eq)).strip();
        if (key.isEmpty()) {
            throw new UsageException("label filter '" + text + "' has no key; expected KEY=VALUE or KEY");
        }
        return new LabelFilter(key, eq < 0 ? Optional.empty() : Optional.of(text.substring(eq + 1)));
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        return actual != null && value.map(actual::equals).orElse(true);
    }

    /** The form Docker's `label` filter takes. */
    public String toDockerFilter() {
        return value.map(v -> key + "=" + v).orElse(key);
    }

    @Override
    public String toString() {
        return toDockerFilter();
    }
}
