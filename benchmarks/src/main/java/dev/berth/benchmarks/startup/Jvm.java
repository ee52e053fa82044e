package dev.berth.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One way to start Berth's JVM: which {@code java}, with which options before {@code -jar}. The
 * shipped one is the launcher's: the build's class-data sharing archive next to the jar.
 */
record Jvm(String label, Path java, List<String> options) {

    static Jvm plain(Path java, String label) {
        return new Jvm(label, java, List.of());
    }

    /** As {@code ./berth} runs it: with the archive the build wrote next to the jar. */
    static Jvm withArchive(Path java, Path archive, String label) {
        return new Jvm(label, java, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off"));
    }

    /** The launcher's options without its class-data sharing archive (made for another JDK). */
    static List<String> tuning(List<String> launcherOptions) {
        return launcherOptions.stream()
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile=") && !option.startsWith("-Xlog:cds")).toList();
    }

    /** The JVM running the benchmarks (the one the build used). */
    static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    List<String> command(Path jar, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * The build's training run, again: {@code render} against a Docker socket that does not exist,
     * with {@code option} (an archive or AOT cache to write at exit). Ends with exit code 4.
     */
    void train(Path jar, Path work, String option) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.addAll(List.of(option, "-Xlog:cds*=off", "-jar", jar.toString(), "render", "--select", "berth.training=cds"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("training.log").toFile());
        builder.environment().putAll(Map.of("DOCKER_HOST", "unix://" + work.resolve("no-docker.sock")));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the training run " + command + " did not end within 120 s");
        }
    }
}
