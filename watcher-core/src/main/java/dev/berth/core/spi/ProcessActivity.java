package dev.berth.core.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a host process is doing something: the kernel's state letter ('S' sleeping, 'R' running
 * …) and the CPU time it has used, in clock ticks, from /proc/PID/stat. A reloader tells a proxy
 * that is still working on a reload from one that dropped the signal by it.
 */
public record ProcessActivity(char state, long cpuTicks) {

    /** Asleep, and has used no CPU since {@code earlier}. */
    public boolean idleSince(ProcessActivity earlier) {
        return state == 'S' && cpuTicks == earlier.cpuTicks();
    }

    /** The process's activity now; empty if it is gone or /proc cannot be read. */
    public static Optional<ProcessActivity> of(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    static Optional<ProcessActivity> read(Path stat) {
        try {
            String line = Files.readString(stat);
            // The command name, in parentheses, may hold spaces and parentheses: fields start after the last ')'.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is the state (field 3 of proc(5)); utime and stime are fields 14 and 15.
            return Optional.of(new ProcessActivity(fields[0].charAt(0), Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
