package dev.berth.benchmarks.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A script doing what the blog post's does (docker-py and Jinja2: list, render, write; then the same
 * on each event), where python3 with both modules is installed: what Berth's start-up is set beside.
 */
public record Peer(String label, Path script) {

    private static final String RESOURCE = "blog-style.py";

    public static Optional<Peer> python(Path work) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("python3", "-c", "import docker, jinja2").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            return Optional.empty();
        }
        Path script = work.resolve(RESOURCE);
        try (InputStream in = Peer.class.getResourceAsStream(RESOURCE)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(new Peer("Python script like the blog's, docker-py + Jinja2", script));
    }

    /** @param berth {@code watch --output F SELECTION} or {@code render SELECTION}, as for Berth: translated */
    public List<String> command(List<String> berth) {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        if (berth.get(0).equals("render")) {
            command.add("--once");
        }
        command.addAll(berth.subList(1, berth.size()).stream().map(word -> word.equals("--select") ? "--label" : word).toList());
        return command;
    }
}
