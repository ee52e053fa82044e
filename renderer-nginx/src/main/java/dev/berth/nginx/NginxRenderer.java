package dev.berth.nginx;

import static java.util.Objects.requireNonNull;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.Renderer;
import dev.berth.core.template.Template;
import dev.berth.core.template.TemplateModel;

/**
 * Renders nginx configuration from the built-in or the user's template. The model holds only
 * proxy-safe values (plain names, IP literals, numbers in range), so there is nothing to check here.
 */
public final class NginxRenderer implements Renderer {

    private final Template template;

    public NginxRenderer(Template template) {
        this.template = requireNonNull(template, "template");
    }

    @Override
    public String render(Snapshot snapshot) {
        return template.render(TemplateModel.of(snapshot));
    }
}
