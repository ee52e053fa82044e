package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class TestProcessSignal {

    @Test
    void aSignalIsNamedWithOrWithoutItsPrefixOrByNumber() {
        assertThat(ProcessSignal.number("HUP")).hasValue(1);
        assertThat(ProcessSignal.number("SIGHUP")).hasValue(1);
        assertThat(ProcessSignal.number("usr2")).hasValue(12);
        assertThat(ProcessSignal.number("15")).hasValue(15);
        assertThat(ProcessSignal.number("BOGUS")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void sendsAHostProcessASignalWithoutStartingAProgram() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            ProcessSignal signals = new ProcessSignal();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // JNA loads in the background; until then send() answers false and sends nothing.
            boolean sent = false;
            while (!sent && System.nanoTime() < deadline) {
                sent = signals.send(sleeper.pid(), "TERM");
                if (!sent) {
                    Thread.sleep(10);
                }
            }
            assertThat(sent).as("sent once libc was loaded").isTrue();
            assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).as("sleep ended by the signal").isTrue();
            assertThat(sleeper.exitValue()).as("exit status of a process ended by SIGTERM").isEqualTo(128 + 15);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsGoneIsNotSignalled() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        ProcessSignal signals = new ProcessSignal();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // Signal 0 only asks whether a process is there: true for Berth's own once libc is loaded.
        while (!signals.send(ProcessHandle.current().pid(), "0") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(signals.send(ProcessHandle.current().pid(), "0")).as("libc loaded").isTrue();
        assertThat(signals.send(done.pid(), "HUP")).isFalse();
        assertThat(signals.send(0, "HUP")).as("pid 0 would signal Berth's own process group").isFalse();
    }

    @Test
    void aWarmUpWaitsForLibcSoThatTheFirstSignalGoesOutAtOnce() {
        ProcessSignal signals = new ProcessSignal();
        long self = ProcessHandle.current().pid();

        signals.warmUp(self);

        assertThat(signals.send(self, "0")).as("kill(2) ready without waiting").isTrue();
    }
}
