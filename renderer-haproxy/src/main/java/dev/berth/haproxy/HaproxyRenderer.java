package dev.berth.haproxy;

import static java.util.Objects.requireNonNull;

import dev.berth.core.model.Snapshot;
import dev.berth.core.spi.Renderer;
import dev.berth.core.template.Template;
import dev.berth.core.template.TemplateModel;

/**
 * Renders HAProxy configuration from the built-in or the user's template: the core's context plus a
 * {@code server_name} on every backend. The model holds only proxy-safe values (plain names, IP
 * literals, numbers in range), so there is nothing to check here.
 */
public final class HaproxyRenderer implements Renderer {

    private final Template template;

    public HaproxyRenderer(Template template) {
        this.template = requireNonNull(template, "template");
    }

    @Override
    public String render(Snapshot snapshot) {
        return template.render(TemplateModel.of(snapshot, ServerNames::keys));
    }
}
