package dev.berth.core.spi;

import static java.util.Objects.requireNonNull;

import dev.berth.core.template.Template;
import dev.berth.core.template.TemplateEngine;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a renderer is created with.
 *
 * @param userTemplate the file given with --template, which replaces the renderer's built-in one
 */
public record RendererContext(TemplateEngine templates, Optional<Path> userTemplate, PluginOptions options) {

    public RendererContext {
        requireNonNull(templates, "templates");
        requireNonNull(userTemplate, "userTemplate");
        requireNonNull(options, "options");
    }

    /**
     * The user's template if one was given, else the built-in one: a resource next to
     * {@code owner}'s class, loaded with the plugin's own class loader.
     */
    public Template template(Class<?> owner, String builtInResource) {
        return userTemplate.map(templates::fromFile)
                .orElseGet(() -> templates.fromResource(owner, builtInResource));
    }
}
