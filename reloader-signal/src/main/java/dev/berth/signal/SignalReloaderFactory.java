package dev.berth.signal;

import dev.berth.core.model.LabelFilter;
import dev.berth.core.spi.PluginOption;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.ReloaderContext;
import dev.berth.core.spi.ReloaderFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The "signal" reloader: a signal to the proxy containers (through the Docker API) or to a host process. */
public final class SignalReloaderFactory implements ReloaderFactory {

    static final String RELOAD_SELECT = "--reload-select";
    static final String PID_FILE = "--pid-file";
    static final String RELOAD_SIGNAL = "--reload-signal";
    /** A reload of a large nginx configuration takes well under a second; 5 s leaves room for a busy machine. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);
    /** How long a master must sleep without using CPU or starting a worker for its signal to count as dropped. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "signal";
    }

    @Override
    public String description() {
        return "sends the proxy its reload signal: to running containers selected by label, or to the pid in a file";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(
                PluginOption.repeatable(RELOAD_SELECT, "KEY[=VALUE]",
                        "signal every running container with this label (ANDed)"),
                PluginOption.single(PID_FILE, "FILE", "signal the process whose pid this file holds (a proxy on the host)"),
                PluginOption.single(RELOAD_SIGNAL, "SIGNAL", "the signal to send (default: the renderer's, HUP for nginx)"));
    }

    @Override
    public Reloader create(ReloaderContext context) {
        List<LabelFilter> select = context.options().all(RELOAD_SELECT).stream().map(LabelFilter::parse).toList();
        Optional<Path> pidFile = context.options().get(PID_FILE).map(Path::of);
        String signal = Signals.normalize(context.options().get(RELOAD_SIGNAL).orElse(context.rendererSignal()));
        return new SignalReloader(context.containers(), select, pidFile, signal, new Workers(CONFIRM_TIMEOUT, RESEND_AFTER));
    }
}
