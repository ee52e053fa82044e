package dev.berth.core.docker;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a host process a signal with libc's kill(2), through JNA (which docker-java brings): no
 * program to start, where kill(1) costs ~5 ms on the path from a container's start to its reload.
 * JNA's first load takes ~100 ms, so it loads in the background; until then, or where it cannot
 * load, {@link #send} answers false and the caller runs kill(1).
 */
final class ProcessSignal {

    /** The one libc function used. */
    public interface Libc extends Library {
        int kill(int pid, int signal);
    }

    private final CompletableFuture<Optional<Libc>> libc = CompletableFuture.supplyAsync(ProcessSignal::load);

    /** Whether the signal was sent; false when it could not be sent this way. */
    boolean send(long pid, String signal) {
        OptionalInt number = number(signal);
        Optional<Libc> loaded = libc.getNow(Optional.empty());
        return number.isPresent() && loaded.isPresent() && pid > 0 && pid <= Integer.MAX_VALUE
                && loaded.get().kill((int) pid, number.getAsInt()) == 0;
    }

    /**
     * Waits for libc's load and sends {@code pid} signal 0, which only asks whether it could be
     * signalled: JNA builds its call to kill(2) now instead of on the first reload.
     */
    void warmUp(long pid) {
        libc.join();
        send(pid, "0");
    }

    /** The signal's number on this system: "HUP", "SIGHUP" and "1" are all 1 on Linux. */
    static OptionalInt number(String signal) {
        String name = signal.strip().toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        if (name.matches("[0-9]{1,2}")) {
            return OptionalInt.of(Integer.parseInt(name));
        }
        try {
            // The JDK's own table of the platform's signal numbers (jdk.unsupported, there for this).
            return OptionalInt.of(new sun.misc.Signal(name).getNumber());
        } catch (IllegalArgumentException unknown) {
            return OptionalInt.empty();
        }
    }

    private static Optional<Libc> load() {
        try {
            return Optional.of(Native.load("c", Libc.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
