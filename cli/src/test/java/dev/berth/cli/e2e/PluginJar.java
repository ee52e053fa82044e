package dev.berth.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A third-party plugin jar made the way its author would make it, outside Berth's modules: Java
 * sources compiled against the berth jar (for the SPI), the classes and a
 * {@code META-INF/services/dev.berth.core.spi.Plugin} listing put in a jar.
 */
public final class PluginJar {

    public static final String SERVICES = "META-INF/services/dev.berth.core.spi.Plugin";

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> plugins = new ArrayList<>();

    /** A class's source, by its fully qualified name. */
    public PluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** A class to list in META-INF/services (compiled here or not: a listing may be wrong). */
    public PluginJar plugin(String className) {
        plugins.add(className);
        return this;
    }

    /** Compiles against {@code berthJar} in a folder of {@code work}, and writes the jar to {@code jar}. */
    public Path build(Path berthJar, Path work, Path jar) {
        try {
            Path build = Files.createTempDirectory(work, "plugin-build-");
            Path src = Files.createDirectories(build.resolve("src"));
            Path classes = Files.createDirectories(build.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of(
                    "--release", "17", "-classpath", berthJar.toString(), "-d", classes.toString()));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
                arguments.add(file.toString());
            }
            compile(arguments);
            Path services = classes.resolve(SERVICES);
            Files.createDirectories(services.getParent());
            Files.writeString(services, String.join("\n", plugins) + "\n", StandardCharsets.UTF_8);
            jar(classes, jar);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the plugin jar " + jar, e);
        }
    }

    private static void compile(List<String> arguments) {
        if (arguments.stream().noneMatch(argument -> argument.endsWith(".java"))) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home") + " (a JRE?)");
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("javac " + String.join(" ", arguments) + " failed (exit " + exit + "):\n"
                    + diagnostics.toString(StandardCharsets.UTF_8));
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
