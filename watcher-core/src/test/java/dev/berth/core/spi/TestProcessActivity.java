package dev.berth.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestProcessActivity {

    @Test
    void readsTheStateAndTheCpuTimeAfterACommandNameWithSpacesAndParentheses(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "4242 (haproxy (m) x) S 4200 4242 4242 0 -1 4194560 1200 0 0 0 37 5 0 0 20 0 1 0 9000 "
                + "123456 789 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n");

        assertThat(ProcessActivity.read(stat)).hasValue(new ProcessActivity('S', 42));
    }

    @Test
    void aSleepingProcessThatUsedNoCpuIsIdleOneThatWorkedIsNot() {
        ProcessActivity before = new ProcessActivity('S', 42);

        assertThat(new ProcessActivity('S', 42).idleSince(before)).isTrue();
        assertThat(new ProcessActivity('S', 43).idleSince(before)).as("it used CPU meanwhile").isFalse();
        assertThat(new ProcessActivity('R', 42).idleSince(before)).as("it is running").isFalse();
    }

    @Test
    void aProcessThatIsGoneHasNoActivity() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertThat(ProcessActivity.of(done.pid())).isEmpty();
        assertThat(ProcessActivity.of(ProcessHandle.current().pid())).hasValueSatisfying(a -> assertThat(a.cpuTicks()).isPositive());
    }
}
