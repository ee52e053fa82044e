package dev.berth.core.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A container's root file system seen from the host ({@code /proc/PID/root}), where a path names
 * what it names inside the container: a symbolic link to an absolute path resolves from the
 * container's root, not the host's (the kernel would resolve it from the host's), as runc resolves
 * a working directory.
 */
record ContainerRoot(Path root) {

    /** Symbolic links followed at most, as the kernel's limit. */
    private static final int MAX_LINKS = 40;

    /** The host path of {@code path} in the container; a link loop leaves the rest unresolved. */
    Path resolve(String path) {
        Deque<String> todo = new ArrayDeque<>(Arrays.asList(path.split("/")));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path candidate = join(resolved).resolve(name);
            if (Files.isSymbolicLink(candidate) && links++ < MAX_LINKS) {
                try {
                    String target = Files.readSymbolicLink(candidate).toString();
                    if (target.startsWith("/")) {
                        resolved.clear();
                    }
                    List<String> names = Arrays.asList(target.split("/"));
                    for (int i = names.size() - 1; i >= 0; i--) {
                        todo.push(names.get(i));
                    }
                    continue;
                } catch (IOException e) {
                    // gone meanwhile: taken as it is
                }
            }
            resolved.add(name);
        }
        return join(resolved);
    }

    /** A file's text in the container; empty when it cannot be read. */
    Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(resolve(path)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Path join(List<String> names) {
        Path path = root;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }
}
