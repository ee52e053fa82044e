package dev.berth.core.sync;

import dev.berth.core.spi.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration file Berth owns. A write goes to a temporary file in the same folder, is
 * flushed to disk and renamed over the target, so the proxy never reads a half-written file; the
 * file's mode is kept (0644 for a new one). Mount the folder, not the file, into a proxy
 * container: a rename replaces the file, and a single-file bind mount would keep the old one.
 */
public final class ConfigFile {

    private static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    /** Fails before anything starts when the file could never be written. */
    public void checkWritable() {
        Path folder = path.getParent();
        if (!Files.isDirectory(folder)) {
            throw new ConfigException("output folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            throw new ConfigException("output folder " + folder + " is not writable");
        }
        if (Files.isDirectory(path)) {
            throw new ConfigException("output " + path + " is a folder, not a file");
        }
    }

    /** Writes the text unless the file already holds exactly it; returns whether it wrote. */
    public boolean write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean write(byte[] bytes) {
        try {
            if (Files.isRegularFile(path) && Arrays.equals(Files.readAllBytes(path), bytes)) {
                return false;
            }
            Set<PosixFilePermission> mode = Files.exists(path) ? Files.getPosixFilePermissions(path) : NEW_FILE_MODE;
            Path temp = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".berth-tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.setPosixFilePermissions(temp, mode);
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            throw new ConfigException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** What the file holds now; empty when there is no file. */
    public Optional<byte[]> read() {
        try {
            return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Puts back what {@link #read} answered before a write: the same bytes, atomically, or no file. */
    public void restore(Optional<byte[]> previous) {
        if (previous.isPresent()) {
            write(previous.get());
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new ConfigException("cannot remove " + path + ": " + e.getMessage(), e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically in " + path.getParent(), e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
