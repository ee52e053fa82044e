package dev.berth.signal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Signals a host process with kill(1): the JDK can only send TERM and KILL itself. */
class KillCommand {

    /** Returns "" on success, else what went wrong. */
    String send(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return "kill did not return within 5 s";
            }
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return kill.exitValue() == 0 ? "" : output.isEmpty() ? "kill exited " + kill.exitValue() : output;
        } catch (IOException e) {
            return "cannot run kill: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
