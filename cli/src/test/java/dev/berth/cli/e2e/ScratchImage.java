package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An image built {@code FROM scratch} out of files of this machine, since no image can be pulled:
 * host files copied to the same path in the image (a host binary can bring every library that
 * {@code ldd} lists), files written from text, empty directories, and further Dockerfile
 * instructions (RUN, EXPOSE, CMD, ENTRYPOINT …).
 *
 * <p>Every build runs in full; the Engine's layer cache makes a rebuild from identical inputs quick,
 * and a rebuild from changed inputs can never be mistaken for the old image.
 */
public final class ScratchImage {

    public static final String LABEL = "berth-e2e";

    private final String tag;
    private final Map<String, Path> hostFiles = new LinkedHashMap<>();
    private final Map<String, TextFile> textFiles = new LinkedHashMap<>();
    private final Set<String> directories = new LinkedHashSet<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();
    private final List<String> instructions = new ArrayList<>();

    private record TextFile(String content, boolean executable) {}

    private ScratchImage(String tag) {
        this.tag = tag;
    }

    public static ScratchImage tagged(String tag) {
        return new ScratchImage(tag);
    }

    public String tag() {
        return tag;
    }

    /** A file of this machine, at the same path in the image, with its permissions (links are followed). */
    public ScratchImage hostFile(Path file) {
        requireAbsolute(file);
        hostFiles.put(file.toString(), file);
        return this;
    }

    /** A dynamically linked host binary and every shared library it loads, each at its own path. */
    public ScratchImage hostBinaryWithLibraries(Path binary) {
        hostFile(binary);
        SharedLibraries.of(binary).forEach(this::hostFile);
        return this;
    }

    public ScratchImage textFile(String path, String content) {
        return textFile(path, content, false);
    }

    public ScratchImage executableTextFile(String path, String content) {
        return textFile(path, content, true);
    }

    private ScratchImage textFile(String path, String content, boolean executable) {
        requireAbsolute(Path.of(path));
        textFiles.put(path, new TextFile(content, executable));
        return this;
    }

    /** An empty directory (scratch has no shell to {@code mkdir} with: WORKDIR creates it). */
    public ScratchImage directory(String path) {
        requireAbsolute(Path.of(path));
        directories.add(path);
        return this;
    }

    /**
     * A symbolic link {@code link -> target}, made by the image's busybox ({@link #hostFile} of
     * {@link Prerequisites#BUSYBOX} first): the build context's tar follows links, so they cannot be copied.
     */
    public ScratchImage symlink(String link, String target) {
        requireAbsolute(Path.of(link));
        symlinks.put(link, target);
        return this;
    }

    /** A Dockerfile instruction, run after the files, directories and links are in place. */
    public ScratchImage instruction(String instruction) {
        instructions.add(instruction);
        return this;
    }

    public String dockerfile() {
        StringBuilder dockerfile = new StringBuilder("FROM scratch\n");
        if (!hostFiles.isEmpty() || !textFiles.isEmpty()) {
            dockerfile.append("COPY rootfs/ /\n");
        }
        for (String directory : directories) {
            dockerfile.append("WORKDIR ").append(directory).append('\n');
        }
        if (!directories.isEmpty()) {
            dockerfile.append("WORKDIR /\n");
        }
        symlinks.forEach((link, target) -> dockerfile.append("RUN [\"").append(Prerequisites.BUSYBOX)
                .append("\", \"ln\", \"-sfn\", \"").append(target).append("\", \"").append(link).append("\"]\n"));
        instructions.forEach(instruction -> dockerfile.append(instruction).append('\n'));
        dockerfile.append("LABEL ").append(LABEL).append("=image\n");
        return dockerfile.toString();
    }

    /** Builds the image and tags it; answers its id. */
    public String build(DockerClient docker) {
        Path context = null;
        try {
            context = Files.createTempDirectory("berth-e2e-image-");
            writeContext(context);
            return docker.buildImageCmd()
                    .withBaseDirectory(context.toFile())
                    .withDockerfile(context.resolve("Dockerfile").toFile())
                    .withTags(Set.of(tag))
                    .withPull(false)
                    // RUN steps need no network; without one, a build works even where the default bridge is gone.
                    .withNetworkMode("none")
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(5, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build context of " + tag, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("building image " + tag + " failed: " + e.getMessage()
                    + "\n--- Dockerfile ---\n" + dockerfile(), e);
        } finally {
            deleteRecursively(context);
        }
    }

    private void writeContext(Path context) throws IOException {
        Path rootfs = context.resolve("rootfs");
        Files.createDirectories(rootfs);
        for (Map.Entry<String, Path> file : hostFiles.entrySet()) {
            Path target = inside(rootfs, file.getKey());
            Files.createDirectories(target.getParent());
            // Follows symbolic links: the image gets the content under the name the binary asks for.
            // docker-java's tar keeps one bit of the mode: executable (0755) or not (0644).
            Files.copy(file.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(file.getValue()));
        }
        for (Map.Entry<String, TextFile> file : textFiles.entrySet()) {
            Path target = inside(rootfs, file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue().content(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                    file.getValue().executable() ? "rwxr-xr-x" : "rw-r--r--"));
        }
        Files.writeString(context.resolve("Dockerfile"), dockerfile(), StandardCharsets.UTF_8);
    }

    private static Path inside(Path rootfs, String absolute) {
        return rootfs.resolve(absolute.substring(1));
    }

    private static void requireAbsolute(Path path) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("berth-e2e: could not delete " + directory + ": " + e.getMessage());
        }
    }
}
