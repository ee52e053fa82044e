package dev.berth.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Berth run as a user runs it: {@code java -jar berth.jar …} in a working directory of the test,
 * with the same environment as the tests (DOCKER_HOST included).
 */
public final class BerthCli implements BerthPlace.Launcher {

    private static final Duration ONE_SHOT_TIMEOUT = Duration.ofSeconds(60);

    private final Path jar;
    private final Path workDir;
    private final Map<String, String> environment;
    private int runs;

    BerthCli(Path jar, Path workDir) {
        this(jar, workDir, Map.of());
    }

    private BerthCli(Path jar, Path workDir, Map<String, String> environment) {
        this.jar = jar;
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
    }

    /** The same, with one more environment variable set for the processes it starts. */
    public BerthCli withEnvironment(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new BerthCli(jar, workDir, more);
    }

    /** A command that ends by itself (render, plugins, a usage error …), run to its end. */
    public Result run(String... arguments) {
        int run = ++runs;
        Path stdout = workDir.resolve("berth-run-" + run + ".stdout");
        Path stderr = workDir.resolve("berth-run-" + run + ".stderr");
        Process process = start(command(arguments), stdout, stderr);
        try {
            if (!process.waitFor(ONE_SHOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("berth " + String.join(" ", arguments) + " did not end within "
                        + ONE_SHOT_TIMEOUT.toSeconds() + " s\n--- stdout ---\n" + read(stdout)
                        + "--- stderr ---\n" + read(stderr));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for berth", e);
        }
        return new Result(List.of(arguments), process.exitValue(), read(stdout), read(stderr));
    }

    /** {@code berth watch …} in the background; its stdout and stderr go to one log file. */
    @Override
    public Watch watch(String... arguments) {
        List<String> watch = new ArrayList<>();
        watch.add("watch");
        watch.addAll(List.of(arguments));
        Path log = workDir.resolve("berth-watch-" + (++runs) + ".log");
        return new ProcessWatch(start(command(watch), log, log), log);
    }

    private List<String> command(String... arguments) {
        return command(List.of(arguments));
    }

    private List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

    private Process start(List<String> command, Path stdout, Path stderr) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        if (stdout.equals(stderr)) {
            builder.redirectErrorStream(true).redirectOutput(stdout.toFile());
        } else {
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** How a command that ended ended. */
    public record Result(List<String> arguments, int exitCode, String stdout, String stderr) {

        /** The lines of stderr that are not blank. */
        public List<String> stderrLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "berth " + String.join(" ", arguments) + "\n--- exit code: " + exitCode + "\n--- stdout ---\n"
                    + stdout + "--- stderr ---\n" + stderr;
        }
    }

    /** A running {@code berth watch}: on this machine ({@link BerthCli}) or in its container ({@link BerthContainer}). */
    public interface Watch extends AutoCloseable {

        boolean isAlive();

        /** What it printed so far, stdout and stderr together. */
        String log();

        /** Stops it as Ctrl-C or {@code docker stop} would: SIGTERM, and SIGKILL if it ignores that. */
        @Override
        void close();
    }

    /** A {@code berth watch} process of this machine. */
    private static final class ProcessWatch implements Watch {

        private final Process process;
        private final Path log;

        private ProcessWatch(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public String log() {
            return read(log);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    System.err.println("berth-e2e: berth watch ignored SIGTERM for 15 s; killing it");
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
