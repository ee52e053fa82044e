package dev.berth.core.host;

import dev.berth.core.spi.ContainerControl.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program on the host to its end: kill(1), a proxy's checker, nsenter. */
public final class HostCommand {

    private HostCommand() {}

    /**
     * Runs the command with its standard error merged into its output; one that outlives the timeout
     * is killed and answers exit code -1 with the reason as its output.
     *
     * @param environment the whole environment, or empty to inherit Berth's
     * @throws UncheckedIOException when the program cannot be started
     */
    public static ExecResult run(List<String> command, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new ExecResult(-1, "`" + String.join(" ", command) + "` did not end within " + timeout.toSeconds() + " s");
            }
            return new ExecResult(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "interrupted while running " + String.join(" ", command));
        }
    }
}
