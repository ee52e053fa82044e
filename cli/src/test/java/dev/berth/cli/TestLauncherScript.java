package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./berth} of the checkout, copied into a folder of its own beside a jar, and run
 * with JAVA_HOME set to a stand-in JDK whose {@code java} only writes down how it was called.
 */
final class TestLauncherScript {

    /** The checkout's launcher: Maven runs this module's tests in cli/. */
    private static final Path LAUNCHER = Path.of("..", "berth");

    @TempDir
    Path folder;

    private Path calls;

    @BeforeEach
    void checkout() throws IOException {
        Files.copy(LAUNCHER, folder.resolve("berth"));
        Files.createDirectories(folder.resolve("cli/target"));
        Files.writeString(folder.resolve("cli/target/berth.jar"), "a jar");
        calls = folder.resolve("calls");
    }

    @Test
    void onJdk17ItRunsTheJarWithTheBuildsArchive() throws Exception {
        Path jdk = jdk("17.0.15");

        run(jdk, "render", "--explain");

        assertThat(Files.readAllLines(calls)).singleElement().satisfies(call -> assertThat(call)
                .contains("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms8m -Xmx256m")
                .contains("-XX:SharedArchiveFile=" + folder.resolve("cli/target/berth.jsa") + " -Xlog:cds*=off")
                .endsWith("-jar " + folder.resolve("cli/target/berth.jar") + " render --explain")
                .doesNotContain("AOT"));
    }

    @Test
    void onJdk25ItMakesAnAotCacheOnceByTheTrainingRunAndUsesIt() throws Exception {
        Path jdk = jdk("25.0.3");

        run(jdk, "render");
        run(jdk, "--version");

        Path cache;
        try (var made = Files.list(folder.resolve("cache/berth"))) {
            cache = made.filter(file -> file.toString().endsWith(".aot")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(calls)).satisfiesExactly(
                training -> assertThat(training).contains("-XX:AOTCacheOutput=" + cache + ".")
                        .endsWith("render --select berth.training=cds"),
                first -> assertThat(first).contains("-XX:AOTCache=" + cache).endsWith(" render")
                        .doesNotContain("SharedArchiveFile"),
                second -> assertThat(second).contains("-XX:AOTCache=" + cache).endsWith(" --version"));
    }

    @Test
    void onJdk25WithoutACacheItRunsWithTheArchiveRatherThanFail() throws Exception {
        Path jdk = jdk("25.0.3");
        Files.writeString(folder.resolve("cache"), "not a folder");

        run(jdk, "--version");

        assertThat(Files.readAllLines(calls)).singleElement().satisfies(call -> assertThat(call)
                .contains("-XX:SharedArchiveFile=").endsWith(" --version").doesNotContain("AOT"));
    }

    @Test
    void anOlderJdkIsRefusedWithOneLineSayingWhatToDo() throws Exception {
        Path jdk = jdk("11.0.2");

        int exit = start(jdk, "--version");

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(folder.resolve("out"))).isEqualTo(
                "berth: needs Java 17 or newer; " + jdk.resolve("bin/java") + " is Java 11 (set JAVA_HOME to a newer JDK)\n");
        assertThat(calls).as("java is not started").doesNotExist();
    }

    /** A JDK of this version whose java writes its arguments down and, when asked for an AOT cache, makes the file. */
    private Path jdk(String version) throws IOException {
        Path home = folder.resolve("jdk-" + version);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, """
                #!/bin/sh
                echo "$*" >> "%s"
                for argument; do
                  case "$argument" in -XX:AOTCacheOutput=*) echo cache > "${argument#*=}" ;; esac
                done
                """.formatted(calls));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private void run(Path jdk, String... arguments) throws Exception {
        int exit = start(jdk, arguments);
        assertThat(exit).as(Files.readString(folder.resolve("out"))).isZero();
    }

    /** Runs the launcher to its end; answers its exit code, its output is in the file "out". */
    private int start(Path jdk, String... arguments) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(concat(List.of("bash", folder.resolve("berth").toString()), arguments))
                .redirectErrorStream(true).redirectOutput(folder.resolve("out").toFile());
        builder.environment().putAll(Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", folder.resolve("cache").toString()));
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static List<String> concat(List<String> first, String... rest) {
        return Stream.concat(first.stream(), Arrays.stream(rest)).toList();
    }
}
