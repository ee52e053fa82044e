package dev.berth.haproxy;

import dev.berth.core.model.Upstream;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.PluginOptions;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.Renderer;
import dev.berth.core.spi.RendererContext;
import dev.berth.core.spi.RendererFactory;
import dev.berth.core.spi.UsageException;
import dev.berth.core.template.TemplateModel;
import dev.berth.core.template.TemplateRenderer;
import dev.berth.haproxy.runtime.RuntimeApiReloader;
import dev.berth.haproxy.runtime.RuntimeSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The "haproxy" renderer: a complete haproxy.cfg with one backend per group. */
public final class HaproxyRendererFactory implements RendererFactory {

    static final String BUILT_IN_TEMPLATE = "haproxy.cfg.j2";
    static final String NO_RUNTIME_API = "--no-runtime-api";
    static final String RUNTIME_SOCKET = "--runtime-socket";
    static final String SERVER_SLOTS = "--server-slots";
    /** Where the official image reads its configuration: the folder Berth writes into, mounted. */
    static final String DEFAULT_SOCKET = "/usr/local/etc/haproxy/haproxy.sock";
    static final String DEFAULT_SLOTS = "16";
    /** The socket's path goes into haproxy.cfg as it is: an absolute path of plain characters. */
    private static final Pattern SOCKET_PATH = Pattern.compile("/[A-Za-z0-9_.@+/-]{1,100}");

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public String description() {
        return "a complete haproxy.cfg: one backend per group, behind one frontend on port 80; "
                + "servers change through HAProxy's Runtime API where a reload is not needed";
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
    public List<PluginOption> options() {
        return List.of(
                PluginOption.flag(NO_RUNTIME_API, "reload HAProxy for every change instead of changing its servers "
                        + "through its Runtime API (no stats socket, no server slots in the file)"),
                PluginOption.single(RUNTIME_SOCKET, "PATH", "HAProxy's admin socket as HAProxy sees it: in the folder of "
                        + "--output as mounted into the proxy, which HAProxy must be able to write to (default: "
                        + DEFAULT_SOCKET + ")", DEFAULT_SOCKET),
                PluginOption.single(SERVER_SLOTS, "N", "at least this many server slots per backend, taken and freed "
                        + "at runtime; a group with more containers gets the next power of two (default: "
                        + DEFAULT_SLOTS + ")", DEFAULT_SLOTS));
    }

    @Override
    public Renderer create(RendererContext context) {
        // Loaded now, so that a missing or unreadable --template fails at start, not at the first change.
        var template = context.template(getClass(), BUILT_IN_TEMPLATE);
        if (context.options().flag(NO_RUNTIME_API)) {
            return new TemplateRenderer(template, new NamedServers(), Map.of("runtime_socket", ""));
        }
        return new TemplateRenderer(template, new ServerSlots(slots(context.options())),
                Map.of("runtime_socket", socket(context.options())));
    }

    @Override
    public Reloader reloaderFor(Reloader reloader, PluginOptions options, Path output) {
        if (options.flag(NO_RUNTIME_API)) {
            return reloader;
        }
        // Berth reaches the socket in its own view of the folder it writes into.
        Path socket = output.toAbsolutePath().resolveSibling(Path.of(socket(options)).getFileName());
        return new RuntimeApiReloader(reloader, new RuntimeSocket(socket), output);
    }

    private static String socket(PluginOptions options) {
        String path = options.get(RUNTIME_SOCKET).orElse(DEFAULT_SOCKET);
        if (!SOCKET_PATH.matcher(path).matches()) {
            throw new UsageException(RUNTIME_SOCKET + " '" + path + "' must be an absolute path of letters, digits and _.@+/-");
        }
        return path;
    }

    private static int slots(PluginOptions options) {
        String value = options.get(SERVER_SLOTS).orElse(DEFAULT_SLOTS);
        try {
            int slots = Integer.parseInt(value);
            if (slots >= 1 && slots <= 4096) {
                return slots;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new UsageException(SERVER_SLOTS + " '" + value + "' must be a number from 1 to 4096");
    }

    /** Without slots: server names from the container names, as {@link ServerNames} gives them. */
    private static final class NamedServers implements TemplateModel.BackendKeys {
        @Override
        public List<Map<String, Object>> of(Upstream upstream) {
            return ServerNames.keys(upstream);
        }

        @Override
        public Map<String, Object> ofUpstream(Upstream upstream) {
            return Map.of(ServerSlots.FREE_SLOTS, List.of());
        }
    }
}
