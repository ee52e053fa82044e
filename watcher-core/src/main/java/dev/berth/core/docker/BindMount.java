package dev.berth.core.docker;

import com.github.dockerjava.api.command.InspectContainerResponse.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One of a container's mounts: a folder of the host ({@code source}) seen at {@code destination} inside it. */
record BindMount(Path source, Path destination) {

    /** The mounts Docker's inspect lists; those without a source or a destination (none known) are left out. */
    static List<BindMount> of(List<Mount> mounts) {
        if (mounts == null) {
            return List.of();
        }
        return mounts.stream()
                .filter(mount -> mount.getSource() != null && !mount.getSource().isEmpty()
                        && mount.getDestination() != null && mount.getDestination().getPath() != null)
                .map(mount -> new BindMount(Path.of(mount.getSource()), Path.of(mount.getDestination().getPath())))
                .toList();
    }

    /** Where a host path appears inside the container, through the deepest mount of a folder that holds it. */
    static Optional<Path> intoContainer(List<BindMount> mounts, Path onHost) {
        return deepest(mounts, onHost, BindMount::source, BindMount::destination);
    }

    /** Where a path inside the container is on the host, through the deepest mount that holds it. */
    static Optional<Path> ontoHost(List<BindMount> mounts, Path inContainer) {
        return deepest(mounts, inContainer, BindMount::destination, BindMount::source);
    }

    private static Optional<Path> deepest(List<BindMount> mounts, Path path, Function<BindMount, Path> from,
            Function<BindMount, Path> to) {
        Path normal = path.normalize();
        BindMount best = null;
        for (BindMount mount : mounts) {
            if (normal.startsWith(from.apply(mount))
                    && (best == null || from.apply(mount).getNameCount() > from.apply(best).getNameCount())) {
                best = mount;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(to.apply(best).resolve(from.apply(best).relativize(normal).toString()));
    }
}
