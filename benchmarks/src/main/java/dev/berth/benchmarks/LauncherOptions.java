package dev.berth.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options of the shipped launcher {@code ./berth}, read from the script itself, so that a
 * process measured here runs as users run Berth, and an option added to the launcher is measured
 * without a second copy to keep in step: the words between {@code exec java} (or {@code exec "$java"})
 * and {@code -jar}, where a word {@code "${NAME[@]}"} stands for the array's first definition
 * {@code NAME=(…)} in the script: the options it uses on the JDK the build ran (a newer JDK's AOT
 * cache is the launcher's own choice, measured by running it).
 */
public final class LauncherOptions {

    private static final Pattern ARRAY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=\\((.*)\\)$");
    private static final Pattern ARRAY_WORD = Pattern.compile("^\"?\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\[@]}\"?$");

    private LauncherOptions() {}

    /** The launcher next to the checkout whose {@code cli/target/berth.jar} is measured. */
    public static Path launcherOf(Path berthJar) {
        Path root = berthJar.toAbsolutePath().getParent().getParent().getParent();
        return root.resolve("berth");
    }

    public static List<String> read(Path launcher) throws IOException {
        List<String> lines = Files.readAllLines(launcher).stream().map(String::strip).toList();
        List<String> execs = lines.stream().filter(line -> line.startsWith("exec java ") || line.startsWith("exec \"$java\" ")).toList();
        if (execs.size() != 1) {
            throw new IllegalStateException(launcher + " should have one line 'exec java … -jar …', found " + execs.size());
        }
        Map<String, String> arrays = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher array = ARRAY.matcher(line);
            if (array.matches()) {
                arrays.putIfAbsent(array.group(1), array.group(2));
            }
        }
        return parse(execs.get(0), arrays, launcher.toAbsolutePath().getParent());
    }

    /** The options of an {@code exec java OPTIONS -jar …} line; {@code "$here"} is the launcher's folder. */
    public static List<String> parse(String line, Path here) {
        return parse(line, Map.of(), here);
    }

    /** @param arrays the words of each array the line may use, by name, as written in the script */
    public static List<String> parse(String line, Map<String, String> arrays, Path here) {
        List<String> words = words(line);
        int jar = words.indexOf("-jar");
        if (words.size() < 2 || !words.get(0).equals("exec") || !words.get(1).replace("\"", "").matches("java|\\$java")
                || jar < 0) {
            throw new IllegalArgumentException("not an 'exec java … -jar …' line: " + line);
        }
        List<String> options = new ArrayList<>();
        for (String word : words.subList(2, jar)) {
            Matcher array = ARRAY_WORD.matcher(word);
            if (array.matches() && arrays.containsKey(array.group(1))) {
                options.addAll(words(arrays.get(array.group(1))));
            } else {
                options.add(word);
            }
        }
        List<String> resolved = options.stream()
                .map(word -> word.replace("\"", "").replace("${here}", here.toString()).replace("$here", here.toString()))
                .toList();
        resolved.stream().filter(option -> option.contains("$")).findFirst().ifPresent(option -> {
            throw new IllegalArgumentException("launcher option " + option + " uses a variable other than $here");
        });
        return resolved;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }
}
