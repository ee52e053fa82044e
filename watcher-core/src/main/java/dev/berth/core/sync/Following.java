package dev.berth.core.sync;

import dev.berth.core.docker.DaemonChecks;
import dev.berth.core.source.BackendSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sources a watcher follows: started together, closed together. */
final class Following implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Following.class);

    private final List<Closeable> started = new ArrayList<>();

    /**
     * @param containers starts following the local engine's containers, if they are served
     * @param others the further sources, told to the listener
     */
    static Following start(Supplier<Closeable> containers, List<BackendSource> others, BackendSource.Listener listener,
            DaemonChecks checks, String pipeline) {
        Following following = new Following();
        try {
            following.started.add(containers.get());
            for (BackendSource source : others) {
                log.info("watching {}; {}", source.describe(), pipeline);
                following.started.add(source);
                source.start(listener, checks);
            }
        } catch (RuntimeException e) {
            following.close();
            throw e;
        }
        return following;
    }

    @Override
    public void close() {
        for (Closeable source : started) {
            try {
                source.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing a source: {}", e.getMessage());
            }
        }
    }
}
