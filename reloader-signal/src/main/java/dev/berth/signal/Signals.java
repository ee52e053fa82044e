package dev.berth.signal;

import dev.berth.core.spi.UsageException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The signals a proxy reloads or reopens on; anything else is refused rather than sent. */
final class Signals {

    static final Set<String> ALLOWED = Set.of("HUP", "USR1", "USR2", "WINCH", "QUIT", "TERM", "INT");

    private Signals() {
    }

    /** "sighup", "SIGHUP" and "HUP" all mean HUP. */
    static String normalize(String signal) {
        String name = signal.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        if (!ALLOWED.contains(name)) {
            throw new UsageException("signal '" + signal + "' is not one Berth sends; use one of "
                    + String.join(", ", new TreeSet<>(ALLOWED)));
        }
        return name;
    }
}
