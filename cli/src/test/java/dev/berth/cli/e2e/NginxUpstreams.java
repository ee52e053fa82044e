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

/** Reads the server addresses of an {@code upstream NAME { … }} block in nginx configuration. */
public final class NginxUpstreams {

    private static final Pattern SERVER = Pattern.compile("^server\\s+([^\\s;]+)[^;]*;");

    private NginxUpstreams() {}

    /** The addresses in order; empty if there is no such block. */
    public static List<String> servers(String config, String upstream) {
        Matcher block = Pattern.compile("(?m)^\\s*upstream\\s+" + Pattern.quote(upstream) + "\\s*\\{([^}]*)}")
                .matcher(config);
        List<String> servers = new ArrayList<>();
        if (block.find()) {
            for (String line : block.group(1).split("\n")) {
                Matcher server = SERVER.matcher(line.strip());
                if (server.find()) {
                    servers.add(server.group(1));
                }
            }
        }
        return servers;
    }

    /** As {@link #servers(String, String)}, for a file; empty while the file does not exist. */
    public static List<String> servers(Path file, String upstream) {
        try {
            return servers(Files.readString(file), upstream);
        } catch (NoSuchFileException notYet) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's content, for diagnostics. */
    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(" + file + " does not exist)";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
