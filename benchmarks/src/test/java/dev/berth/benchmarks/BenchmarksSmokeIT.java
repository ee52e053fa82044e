package dev.berth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.e2e.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every benchmark runs, small, on the real parts, and the report holds each one's figures: the
 * benchmarks cannot rot. Their timings are printed, never asserted (a noisy CI machine would flake).
 */
final class BenchmarksSmokeIT {

    @TempDir
    Path output;

    @Test
    void everyBenchmarkRunsAndReportsItsFigures() throws Exception {
        Prerequisites.dockerWithProxiesAndBusybox();

        int exit = new CommandLine(new Main()).execute("--smoke", "--output", output.toString(),
                "--berth-jar", Prerequisites.berthJar().toString());

        assertThat(exit).as("exit code of benchmarks --smoke").isZero();
        JsonNode report = new ObjectMapper().readTree(output.resolve("benchmarks.json").toFile());
        List<String> names = new ArrayList<>();
        report.get("benchmarks").forEach(section -> {
            names.add(section.get("name").asText());
            assertThat(section.get("figures")).as("figures of %s", section.get("name")).isNotEmpty();
            section.get("figures").forEach(figure -> assertThat(figure.get("value").asDouble())
                    .as("%s: %s", section.get("name").asText(), figure.get("what").asText())
                    .isFinite());
        });
        assertThat(names).as("benchmarks in the report")
                .containsExactlyElementsOf(Benchmarks.all().stream().map(Benchmark::name).toList());
        String markdown = Files.readString(output.resolve("benchmarks.md"));
        assertThat(markdown).contains("| docker engine |", "| nginx |", "| haproxy |");
        Benchmarks.all().forEach(b -> assertThat(markdown).contains("## " + b.title()));
    }
}
