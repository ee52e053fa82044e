package dev.berth.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;

/**
 * Every version of one config file that Berth writes, read as soon as inotify reports the rename
 * that put it in place, so that the test can hand each one to the proxy's own checker.
 */
public final class WrittenConfigs implements AutoCloseable {

    private final Path file;
    private final WatchService watcher;
    private final Thread reader;
    private final List<String> versions = new ArrayList<>();

    private WrittenConfigs(Path file) throws IOException {
        this.file = file;
        this.watcher = file.getFileSystem().newWatchService();
        file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.reader = new Thread(this::readEveryVersion, "written-configs-" + file.getFileName());
        this.reader.setDaemon(true);
    }

    /** Starts recording the versions of {@code file} (its directory must exist). */
    public static WrittenConfigs of(Path file) {
        try {
            WrittenConfigs configs = new WrittenConfigs(file);
            configs.reader.start();
            return configs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + file, e);
        }
    }

    /** The distinct versions in the order they were written. */
    synchronized List<String> versions() {
        return List.copyOf(versions);
    }

    private void readEveryVersion() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (file.getFileName().equals(event.context())) {
                        record();
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            // close() ends the recording
        }
    }

    private void record() {
        try {
            String content = Files.readString(file);
            synchronized (this) {
                if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(content)) {
                    versions.add(content);
                }
            }
        } catch (NoSuchFileException replacedMeanwhile) {
            // the next event brings the newer version
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
