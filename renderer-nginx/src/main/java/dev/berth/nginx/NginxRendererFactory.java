package dev.berth.nginx;

import dev.berth.core.model.Printable;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.spi.UsageException;
import dev.berth.core.template.TemplateModel;
import dev.berth.core.template.TemplateRenderer;
import java.util.List;
import java.util.Map;

/** The "nginx" renderer: one nginx {@code upstream} block per group, for an {@code include} in http {}. */
public final class NginxRendererFactory implements RendererFactory {

    static final String BUILT_IN_TEMPLATE = "nginx.conf.j2";
    static final String ROUTES = "--routes";
    static final String ROUTES_PORT = "--routes-port";

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
    public List<PluginOption> options() {
        return List.of(
                PluginOption.flag(ROUTES, "nginx: also render a server block per host name of the labels berth.host and "
                        + "berth.path, and a default server answering 503; off: upstream blocks only"),
                new PluginOption(ROUTES_PORT, "PORT", "nginx: the port the server blocks of --routes listen on",
                        "80", false));
    }

    @Override
    public Renderer create(RendererContext context) {
        boolean routes = context.options().flag(ROUTES);
        int port = port(context.options().get(ROUTES_PORT).orElse("80"));
        // Loaded now, so that a missing or unreadable --template fails at start, not at the first change.
        return new TemplateRenderer(context.template(getClass(), BUILT_IN_TEMPLATE), TemplateModel.NO_KEYS,
                Map.of("routes", routes, "routes_port", port));
    }

    private static int port(String value) {
        if (value.matches("[0-9]{1,5}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65_535) {
            return Integer.parseInt(value);
        }
        throw new UsageException(ROUTES_PORT + " '" + Printable.of(value) + "' is not valid: expected a port from 1 to 65535");
    }
}
