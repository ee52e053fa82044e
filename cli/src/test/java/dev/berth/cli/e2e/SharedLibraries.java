package dev.berth.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries, dynamic loader included, that a host binary needs: what {@code ldd} lists. */
public final class SharedLibraries {

    /** "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)". */
    private static final Pattern LIBRARY = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found");

    private SharedLibraries() {}

    public static List<Path> of(Path binary) {
        String output = ldd(binary);
        List<Path> libraries = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher notFound = NOT_FOUND.matcher(line);
            if (notFound.find()) {
                throw new IllegalStateException("ldd " + binary + ": " + notFound.group(1) + " not found");
            }
            Matcher library = LIBRARY.matcher(line);
            if (library.matches()) {
                libraries.add(Path.of(library.group(1)));
            }
            // Anything else ("linux-vdso.so.1 (0x…)") is provided by the kernel.
        }
        if (libraries.isEmpty()) {
            throw new IllegalStateException("ldd " + binary + " listed no library:\n" + output);
        }
        return libraries;
    }

    private static String ldd(Path binary) {
        try {
            Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ldd.waitFor(30, TimeUnit.SECONDS) || ldd.exitValue() != 0) {
                throw new IllegalStateException("ldd " + binary + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ldd " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ldd " + binary, e);
        }
    }
}
