package dev.berth.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A proxy binary the real-parser tests run. Missing, it skips the test loudly on a workstation and
 * fails it on CI (CI=true), where a skipped check would look like a passed one.
 */
public record ProxyBinary(Path path) {

    public void require() {
        if (Files.isExecutable(path)) {
            return;
        }
        String why = path + " is not installed, so the real-parser check cannot run";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (CI=true: install it)");
        }
        System.err.println("SKIPPED: " + why + "; install it to run this test");
        Assumptions.abort(why);
    }

    /** Runs the binary with these arguments; the result carries the exit code and all output. */
    public Result run(List<String> arguments, Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(arguments);
        Path log = workDir.resolve("check.out");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish in 30 s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String output) {
        public void assertAccepted(String config) {
            assertThat(exitCode).as("exit code; output:%n%s%nconfiguration:%n%s", output, config).isZero();
        }
    }
}
