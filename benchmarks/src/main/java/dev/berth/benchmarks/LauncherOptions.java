package dev.berth.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options of the shipped launcher {@code ./berth}, read from the script itself, so that a
 * process measured here runs as users run Berth, and an option added to the launcher is measured
 * without a second copy to keep in step: the words between {@code exec java} and {@code -jar}.
 */
public final class LauncherOptions {

    private LauncherOptions() {}

    /** The launcher next to the checkout whose {@code cli/target/berth.jar} is measured. */
    public static Path launcherOf(Path berthJar) {
        Path root = berthJar.toAbsolutePath().getParent().getParent().getParent();
        return root.resolve("berth");
    }

    public static List<String> read(Path launcher) throws IOException {
        List<String> lines = Files.readAllLines(launcher).stream().map(String::strip)
                .filter(line -> line.startsWith("exec java ")).toList();
        if (lines.size() != 1) {
            throw new IllegalStateException(launcher + " should have one line 'exec java … -jar …', found " + lines.size());
        }
        return parse(lines.get(0), launcher.toAbsolutePath().getParent());
    }

    /** The options of an {@code exec java OPTIONS -jar …} line; {@code "$here"} is the launcher's folder. */
    public static List<String> parse(String line, Path here) {
        List<String> words = Arrays.asList(line.strip().split("\\s+"));
        int jar = words.indexOf("-jar");
        if (words.size() < 2 || !words.get(0).equals("exec") || !words.get(1).equals("java") || jar < 0) {
            throw new IllegalArgumentException("not an 'exec java … -jar …' line: " + line);
        }
        List<String> options = words.subList(2, jar).stream()
                .map(word -> word.replace("\"", "").replace("${here}", here.toString()).replace("$here", here.toString()))
                .toList();
        options.stream().filter(option -> option.contains("$")).findFirst().ifPresent(option -> {
            throw new IllegalArgumentException("launcher option " + option + " uses a variable other than $here");
        });
        return options;
    }
}
