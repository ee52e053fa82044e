package dev.berth.nginx;

import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.template.TemplateRenderer;
import java.util.List;

/** The "nginx" renderer: one nginx {@code upstream} block per group, for an {@code include} in http {}. */
public final class NginxRendererFactory implements RendererFactory {

    static final String BUILT_IN_TEMPLATE = "nginx.conf.j2";

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public String description() {
        return "nginx upstream blocks, one per group, to include in the http {} block";
    }

    /** nginx's master re-reads its configuration on SIGHUP and replaces its workers gracefully. */
    @Override
    public String reloadSignal() {
        return "HUP";
    }

    @Override
    public List<String> checkCommand() {
        return List.of("nginx", "-t", "-q");
    }

    @Override
    public Renderer create(RendererContext context) {
        // Loaded now, so that a missing or unreadable --template fails at start, not at the first change.
        return new TemplateRenderer(context.template(getClass(), BUILT_IN_TEMPLATE));
    }
}
