package dev.berth.core.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * The proxy's own check of a configuration, e.g. {@code nginx -t} or {@code haproxy -c -f {file}}.
 *
 * @param command the command; the word {@value #FILE} stands for the checked file's path where the command runs
 * @param file the file Berth wrote, as the host sees it
 */
public record ConfigCheck(List<String> command, Path file) {

    public static final String FILE = "{file}";

    public ConfigCheck {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a check needs a command");
        }
    }

    public boolean needsFile() {
        return command.contains(FILE);
    }

    /** The command with {@value #FILE} replaced by the file's path where it runs. */
    public List<String> commandFor(Path fileThere) {
        return command.stream().map(word -> word.equals(FILE) ? fileThere.toString() : word).toList();
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
