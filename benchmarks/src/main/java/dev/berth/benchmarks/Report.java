package dev.berth.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the figures as a table for people (benchmarks.md) and as JSON for programs (benchmarks.json). */
final class Report {

    /** One benchmark's part of the report. */
    record Section(String name, String title, String method, List<Figure> figures) {}

    private final Map<String, String> machine;
    private final List<Section> sections;
    private final String command;

    Report(Map<String, String> machine, List<Section> sections, String command) {
        this.machine = machine;
        this.sections = List.copyOf(sections);
        this.command = command;
    }

    void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("benchmarks.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("machine", machine);
        json.put("benchmarks", sections);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve("benchmarks.json").toFile(), json);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Berth benchmarks\n\n");
        md.append("Measured on the real Docker Engine, nginx and HAProxy of this machine, in one run of `")
                .append(command).append("` (see [benchmark-method.md](benchmark-method.md)). Every latency is set next to a bare reload measured")
                .append(" in the same run on the same proxy. Machine-readable: `benchmarks.json`.\n\n");
        md.append("| machine | |\n|---|---|\n");
        machine.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n"));
        md.append("\n## Targets\n\n| benchmark | figure | value | target | |\n|---|---|---|---|---|\n");
        for (Section section : sections) {
            for (Figure figure : section.figures()) {
                if (figure.target() != null) {
                    md.append("| ").append(section.name()).append(" | ").append(cell(figure.what())).append(" | ")
                            .append(value(figure)).append(" | ").append(cell(figure.target().text())).append(" | ")
                            .append(figure.target().met() ? "met" : "**missed**").append(" |\n");
                }
            }
        }
        for (Section section : sections) {
            md.append("\n## ").append(section.title()).append("\n\n").append(section.method()).append("\n\n");
            md.append("| figure | value | detail | target |\n|---|---|---|---|\n");
            for (Figure figure : section.figures()) {
                md.append("| ").append(cell(figure.what())).append(" | ").append(value(figure)).append(" | ")
                        .append(cell(figure.detail())).append(" | ")
                        .append(figure.target() == null ? "" : cell(figure.target().text())
                                + (figure.target().met() ? " (met)" : " (**missed**)"))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    static String value(Figure figure) {
        double v = figure.value();
        String number = v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
        return figure.unit().isEmpty() ? number : number + " " + figure.unit();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
