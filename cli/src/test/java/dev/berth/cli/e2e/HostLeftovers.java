package dev.berth.cli.e2e;

import dev.berth.core.host.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a dockerd of a test leaves on the host when it is killed or its test crashed: containerd's
 * shims and their containers, the mounts under its folder, the folder. Each is found by the folder
 * that the daemon was given, which names it and nothing else.
 */
final class HostLeftovers {

    private HostLeftovers() {}

    /** Kills every process whose command line names {@code folder}, and its descendants. */
    static void killProcessesNaming(Path folder) {
        String mark = folder.toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(mark)).orElse(false))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
    }

    /** Unmounts (lazily, the deepest first) every mount point at or under {@code root}. */
    static void unmountEverythingUnder(Path root) {
        List<String> mountPoints = new ArrayList<>();
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            lines.map(line -> line.split(" ")[4])
                    .filter(point -> point.equals(root.toString()) || point.startsWith(root + "/"))
                    .forEach(mountPoints::add);
        } catch (IOException e) {
            System.err.println("berth-e2e: cannot read /proc/self/mountinfo: " + e.getMessage());
        }
        mountPoints.sort(Comparator.comparing(String::length).reversed());
        mountPoints.forEach(point -> HostCommand.run(List.of("umount", "--lazy", point), Map.of(), Duration.ofSeconds(30)));
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("berth-e2e: could not delete " + directory + ": " + e.getMessage());
        }
    }
}
