package dev.berth.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Berth run by the launcher {@code ./berth} itself, with JAVA_HOME set to a given JDK and the
 * launcher's cache folder (its AOT cache on JDK 25+) in the benchmarks' work folder: as a user runs
 * it, the launcher's own choices included.
 */
public record ViaLauncher(Path launcher, Path javaHome, Path cacheHome) {

    /** For the checkout of {@code settings.berthJar()}, if its launcher is there. */
    public static Optional<ViaLauncher> of(Settings settings, Path javaHome) {
        Path launcher = LauncherOptions.launcherOf(settings.berthJar());
        return Files.isRegularFile(launcher)
                ? Optional.of(new ViaLauncher(launcher, javaHome, settings.work().resolve("cache")))
                : Optional.empty();
    }

    /** A JDK 25 or newer under /usr/lib/jvm, for its AOT cache (JEP 483, 514), if one is installed. */
    public static Optional<Path> jdk25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (var all = Files.list(jvms)) {
            return all.filter(p -> p.getFileName().toString().matches(".*-(2[5-9]|[3-9][0-9])(-.*)?"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .sorted()
                    .findFirst();
        }
    }

    /** @param arguments Berth's */
    public List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("env", "JAVA_HOME=" + javaHome, "XDG_CACHE_HOME=" + cacheHome,
                launcher.toString()));
        command.addAll(arguments);
        return command;
    }

    /** Runs {@code --version} once, so that a first run's work (making the AOT cache) is not in any figure. */
    public void prepare() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(List.of("--version"))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command(List.of("--version"))) + " failed or took over 5 minutes");
        }
    }

    /** The JDK's folder name, e.g. temurin-25-jdk-amd64. */
    public String jdkName() {
        return javaHome.getFileName().toString();
    }
}
