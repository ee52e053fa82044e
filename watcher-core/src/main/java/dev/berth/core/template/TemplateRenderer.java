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
    private final Map<String, Object> options;

    /** @param options the renderer's settings, which the template reads as {@code options} */
    public TemplateRenderer(Template template, TemplateModel.BackendKeys keys, Map<String, Object> options) {
        this.template = requireNonNull(template, "template");
        this.keys = requireNonNull(keys, "keys");
        this.options = Map.copyOf(options);
    }

    public TemplateRenderer(Template template, TemplateModel.BackendKeys keys) {
        this(template, keys, Map.of());
    }

    public TemplateRenderer(Template template) {
        this(template, TemplateModel.NO_KEYS);
    }

    @Override
    public String render(Snapshot snapshot) {
        return template.render(TemplateModel.of(snapshot, keys, options));
    }
}
