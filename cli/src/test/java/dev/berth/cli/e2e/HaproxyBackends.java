package dev.berth.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the server addresses of a {@code backend NAME} section in HAProxy configuration, free slots left out. */
public final class HaproxyBackends {

    /** A section starts with its keyword at the start of a line; its settings are indented. */
    private static final Pattern SECTION = Pattern.compile("^(\\S+)(?:\\s+(\\S+))?.*$");
    private static final Pattern SERVER = Pattern.compile("^\\s+server\\s+\\S+\\s+(\\S+).*$");

    private HaproxyBackends() {}

    /** The addresses in order; empty if there is no such section. */
    public static List<String> servers(String config, String backend) {
        List<String> servers = new ArrayList<>();
        boolean inBackend = false;
        for (String line : config.split("\n")) {
            Matcher section = SECTION.matcher(line);
            if (section.matches() && !line.startsWith("#")) {
                inBackend = "backend".equals(section.group(1)) && backend.equals(section.group(2));
                continue;
            }
            Matcher server = SERVER.matcher(line);
            // A free server slot (disabled, at a placeholder address) serves nothing.
            if (inBackend && server.matches() && !line.endsWith(" disabled")) {
                servers.add(server.group(1));
            }
        }
        return servers;
    }

    /** As {@link #servers(String, String)}, for a file; empty while the file does not exist. */
    public static List<String> servers(Path file, String backend) {
        try {
            return servers(Files.readString(file), backend);
        } catch (NoSuchFileException notYet) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
