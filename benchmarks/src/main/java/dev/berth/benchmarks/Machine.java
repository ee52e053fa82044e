package dev.berth.benchmarks;

import com.github.dockerjava.api.model.Version;
import dev.berth.cli.e2e.TestDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: the machine, and the versions of every real part. */
final class Machine {

    private Machine() {}

    static Map<String, String> describe() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cpu", cpuModel());
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", firstLine("/proc/meminfo", "MemTotal:").replaceAll("\\s+", " ").trim());
        machine.put("kernel", read("/proc/sys/kernel/osrelease"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("docker engine", dockerVersion());
        machine.put("nginx", command("/usr/sbin/nginx", "-v"));
        machine.put("haproxy", command("/usr/sbin/haproxy", "-v"));
        return machine;
    }

    private static String cpuModel() {
        return firstLine("/proc/cpuinfo", "model name").replaceFirst("^model name\\s*:\\s*", "");
    }

    private static String dockerVersion() {
        try {
            Version version = TestDocker.client().versionCmd().exec();
            return version.getVersion() + " (API " + version.getApiVersion() + ")";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The first line a command prints (nginx and HAProxy print their version to stderr or stdout). */
    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
