package dev.berth.haproxy;

import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.template.TemplateRenderer;
import java.util.List;

/** The "haproxy" renderer: a complete haproxy.cfg with one backend per group. */
public final class HaproxyRendererFactory implements RendererFactory {

    static final String BUILT_IN_TEMPLATE = "haproxy.cfg.j2";

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public String description() {
        return "a complete haproxy.cfg: one backend per group, behind one frontend on port 80";
    }

    /** HAProxy in master-worker mode (-W) reloads on SIGUSR2; SIGHUP would not reload it. */
    @Override
    public String reloadSignal() {
        return "USR2";
    }

    @Override
    public List<String> checkCommand() {
        return List.of("haproxy", "-c", "-f", ConfigCheck.FILE);
    }

    @Override
    public Renderer create(RendererContext context) {
        // Loaded now, so that a missing or unreadable --template fails at start, not at the first change.
        return new TemplateRenderer(context.template(getClass(), BUILT_IN_TEMPLATE), ServerNames::keys);
    }
}
