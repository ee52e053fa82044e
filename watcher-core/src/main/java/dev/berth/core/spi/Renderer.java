package dev.berth.core.spi;

import dev.berth.core.model.Snapshot;

/** Turns a snapshot into the bytes of one proxy configuration file. */
public interface Renderer {

    /**
     * Renders the whole file. The same snapshot must always give the same text: Berth writes and
     * reloads only when the text changes.
     *
     * @throws ConfigException when the template fails
     */
    String render(Snapshot snapshot);
}
