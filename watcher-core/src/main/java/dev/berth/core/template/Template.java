package dev.berth.core.template;

import java.util.Map;

/** A loaded template, ready to render a context of maps, lists, strings, numbers and booleans. */
public interface Template {

    /** Where the template came from, for messages. */
    String name();

    /** @throws dev.berth.core.spi.ConfigException naming the template and line when rendering fails */
    String render(Map<String, ?> context);
}
