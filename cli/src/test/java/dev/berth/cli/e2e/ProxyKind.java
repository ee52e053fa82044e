package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The proxies the end-to-end tests run, and what differs between them: the image, where the
 * configuration is bind-mounted, the file Berth writes, how to read a group's servers from it, how
 * the host's binary checks it, and how the proxy's log tells a finished reload and an error.
 */
public enum ProxyKind {

    /**
     * nginx includes {@code conf.d/*.conf}: a site that proxies to {@code upstream web}, and the
     * {@code web.conf} Berth writes. The master logs "reconfiguring" on SIGHUP, then "worker process
     * N exited with code 0".
     */
    NGINX("nginx", TestImages::nginx, ProxyImages.NGINX_CONF_D, "web.conf", "reconfiguring",
            Pattern.compile(".*\\[(error|crit|alert|emerg)].*")) {

        private static final String SITE = "server { listen 80; location / { proxy_pass http://web; } }\n";

        @Override
        public void prepare(Path configDirectory) throws IOException {
            Files.writeString(configDirectory.resolve("site.conf"), SITE);
        }

        @Override
        public List<String> servers(Path configFile, String group) {
            return NginxUpstreams.servers(configFile, group);
        }

        @Override
        public List<String> hostCheck(Path scratch, String config) throws IOException {
            Path confD = Files.createDirectories(scratch.resolve("conf.d"));
            prepare(confD);
            Files.writeString(confD.resolve(configFile()), config);
            Path main = Files.writeString(scratch.resolve("nginx.conf"),
                    "pid nginx.pid;\nevents {}\nhttp { include " + confD + "/*.conf; }\n");
            return List.of(Prerequisites.NGINX.toString(), "-t", "-p", scratch + "/",
                    "-e", scratch.resolve("error.log").toString(), "-c", main.toString());
        }
    },

    /**
     * HAProxy reads the complete haproxy.cfg that Berth writes. On SIGUSR2 the master logs
     * "Reloading HAProxy", forks a worker on the new configuration, and logs "Former worker
     * (N) exited with code 0" once the old worker has served its last connection.
     */
    HAPROXY("haproxy", TestImages::haproxy, ProxyImages.HAPROXY_CONF_DIR, ProxyImages.HAPROXY_CFG,
            "Reloading HAProxy", Pattern.compile(".*\\[(ALERT|EMERG)].*")) {

        @Override
        public void prepare(Path configDirectory) {
            // Berth writes the whole configuration.
        }

        @Override
        public List<String> servers(Path configFile, String group) {
            return HaproxyBackends.servers(configFile, group);
        }

        @Override
        public List<String> hostCheck(Path scratch, String config) throws IOException {
            Path file = Files.writeString(scratch.resolve(configFile()), config);
            return List.of(Prerequisites.HAPROXY.toString(), "-c", "-f", file.toString());
        }
    };

    /** What the master logs when the worker of the previous configuration is gone (both proxies). */
    public static final String OLD_WORKER_EXITED = "exited with code";

    private final String rendererName;
    private final Function<DockerClient, String> image;
    private final String configDirectory;
    private final String configFile;
    private final String reloadStarted;
    private final Pattern error;

    ProxyKind(String rendererName, Function<DockerClient, String> image, String configDirectory,
            String configFile, String reloadStarted, Pattern error) {
        this.rendererName = rendererName;
        this.image = image;
        this.configDirectory = configDirectory;
        this.configFile = configFile;
        this.reloadStarted = reloadStarted;
        this.error = error;
    }

    /** Writes the files the proxy needs beside the one Berth writes, into the bind-mounted folder. */
    public abstract void prepare(Path configDirectory) throws IOException;

    /** The addresses of a group's servers in the file Berth wrote; empty while there is none. */
    public abstract List<String> servers(Path configFile, String group);

    /** Sets up {@code scratch} so that the host's binary checks {@code config}; answers its command. */
    public abstract List<String> hostCheck(Path scratch, String config) throws IOException;

    /** The name of Berth's renderer for this proxy ({@code --renderer}); also the container's role. */
    public String rendererName() {
        return rendererName;
    }

    /** Builds the image; answers its tag. */
    public String image(DockerClient docker) {
        return image.apply(docker);
    }

    /** The directory inside the container that is bind-mounted from the test's folder. */
    public String configDirectory() {
        return configDirectory;
    }

    /** The name of the file Berth writes into the bind-mounted folder. */
    public String configFile() {
        return configFile;
    }

    /** The proxy's own check of its configuration, as run inside its container (Berth's default --check-command). */
    public List<String> checkInContainer() {
        return switch (this) {
            case NGINX -> List.of("nginx", "-t", "-q");
            case HAPROXY -> List.of("haproxy", "-c", "-q", "-f", configDirectory + "/" + configFile);
        };
    }

    /** Whether a log line says that the master started reloading. */
    public boolean startsReload(String logLine) {
        return logLine.contains(reloadStarted);
    }

    /** Whether a log line is an error (nginx: error or worse; HAProxy: ALERT or worse). */
    public boolean isError(String logLine) {
        return error.matcher(logLine).matches();
    }

    /** Runs the host's proxy binary on {@code config} (nginx -t, haproxy -c) in {@code scratch}. */
    public CheckResult check(Path scratch, String config) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(hostCheck(scratch, config));
        Process process = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new CheckResult(String.join(" ", command), -1, output + "(did not end within 30 s)");
        }
        return new CheckResult(String.join(" ", command), process.exitValue(), output);
    }

    @Override
    public String toString() {
        return rendererName;
    }

    /** What the host's binary said of one configuration. */
    public record CheckResult(String command, int exitCode, String output) {

        public boolean accepted() {
            return exitCode == 0;
        }
    }
}
