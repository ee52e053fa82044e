package dev.berth.core.template;

import static java.util.Objects.requireNonNull;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.Renderer;
import java.util.Map;

/**
 * A renderer that is a template over {@link TemplateModel}, plus whatever keys the proxy needs on
 * each backend. The model holds only proxy-safe values, so there is nothing left to check here.
 */
public final class TemplateRenderer implements Renderer {

    private final Template template;
    private final TemplateModel.BackendKeys keys;
    private final Map<String, Object> globals;

    /** @param globals top-level keys the renderer adds for its own template (a socket's path, say) */
    public TemplateRenderer(Template template, TemplateModel.BackendKeys keys, Map<String, Object> globals) {
        this.template = requireNonNull(template, "template");
        this.keys = requireNonNull(keys, "keys");
        this.globals = Map.copyOf(globals);
    }

    public TemplateRenderer(Template template, TemplateModel.BackendKeys keys) {
        this(template, keys, Map.of());
    }

    public TemplateRenderer(Template template) {
        this(template, TemplateModel.NO_KEYS);
    }

    @Override
    public String render(Snapshot snapshot) {
        Map<String, Object> context = TemplateModel.of(snapshot, keys);
        globals.forEach(context::putIfAbsent);
        return template.render(context);
    }
}
