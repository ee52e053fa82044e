package dev.berth.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A renderer's expected outputs, kept as resources next to {@code anchor}'s class (its test resources)
 * and compared byte for byte. Every renderer has one file per case below, named case + extension.
 *
 * @param extension the file name's ending, with its dot: ".conf", ".cfg"
 */
public record Golden(Class<?> anchor, String extension) {

    /** {@link Snapshots#twoUpstreamsSnapshot()} rendered with the built-in template. */
    public static final String TWO_UPSTREAMS = "two-upstreams";
    /** {@link Snapshots#emptyUpstreamSnapshot()} rendered with the built-in template. */
    public static final String EMPTY_UPSTREAM = "empty-upstream";
    /** {@code Snapshot.EMPTY} rendered with the built-in template. */
    public static final String EMPTY_SNAPSHOT = "empty-snapshot";
    /** {@link Snapshots#routed()} rendered with the built-in template (nginx: with --routes). */
    public static final String ROUTED = "routed";

    public String read(String golden) {
        String name = golden + extension;
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("golden file " + name + " is missing next to " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
