package dev.berth.core.template;

import static java.util.Objects.requireNonNull;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.Renderer;

/**
 * A renderer that is a template over {@link TemplateModel}, plus whatever keys the proxy needs on
 * each backend. The model holds only proxy-safe values, so there is nothing left to check here.
 */
public final class TemplateRenderer implements Renderer {

    private final Template template;
    private final TemplateModel.BackendKeys keys;

    public TemplateRenderer(Template template, TemplateModel.BackendKeys keys) {
        this.template = requireNonNull(template, "template");
        this.keys = requireNonNull(keys, "keys");
    }

    public TemplateRenderer(Template template) {
        this(template, TemplateModel.NO_KEYS);
    }

    @Override
    public String render(Snapshot snapshot) {
        return template.render(TemplateModel.of(snapshot, keys));
    }
}
