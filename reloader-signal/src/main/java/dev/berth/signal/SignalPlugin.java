package dev.berth.signal;

import dev.berth.core.spi.Plugin;
import dev.berth.core.spi.ReloaderFactory;
import java.util.List;

public final class SignalPlugin implements Plugin {
    @Override
    public List<ReloaderFactory> reloaderFactories() {
        return List.of(new SignalReloaderFactory());
    }
}
