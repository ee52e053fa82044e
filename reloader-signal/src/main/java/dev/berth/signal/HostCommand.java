package dev.berth.signal;

import dev.berth.core.spi.ContainerControl.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a proxy's check command on the host, for a proxy that runs there (--pid-file). */
class HostCommand {

    private static final long TIMEOUT_SECONDS = 30;

    ExecResult run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new ExecResult(-1, "`" + String.join(" ", command) + "` did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new ExecResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ExecResult(-1, "cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "interrupted");
        }
    }
}
