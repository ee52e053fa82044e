package dev.berth.core.spi;

import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a snapshot into the bytes of one proxy configuration file. */
public interface Renderer {

    /**
     * Renders the whole file. The same snapshot must always give the same text: Berth writes and
     * reloads only when the text changes.
     *
     * @throws ConfigException when the template fails
     */
    String render(Snapshot snapshot);

    /**
     * The group whose part of the rendered text holds this line, so that a line the proxy rejects
     * leaves out that group alone. By default: the nearest line at or above it that starts unindented
     * and names a group as its second word, as both built-in templates open a group's block
     * ({@code upstream web {}, {@code backend web}; not an indented {@code server web …}). A renderer whose output is shaped otherwise may know better; empty
     * means "unknown", and Berth then finds the group by trying halves of what changed.
     *
     * @param text what {@link #render} gave for the snapshot
     * @param line 1-based, as the proxy counts
     */
    default Optional<String> groupAt(Snapshot snapshot, String text, int line) {
        Set<String> groups = snapshot.upstreams().stream().map(Upstream::name).collect(Collectors.toSet());
        List<String> lines = text.lines().toList();
        for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
            String[] words = lines.get(i).split("\\s+");
            if (words.length >= 2 && !words[0].isEmpty() && groups.contains(words[1])) {
                return Optional.of(words[1]);
            }
        }
        return Optional.empty();
    }
}
