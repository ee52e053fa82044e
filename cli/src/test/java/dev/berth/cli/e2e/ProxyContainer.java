package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running nginx proxy container: the 127.0.0.1 port it publishes, and what its log (level
 * notice, with Docker's timestamps) tells about reloads and upstream errors.
 */
final class ProxyContainer {

    private final DockerClient docker;
    private final String id;
    private final int port;

    ProxyContainer(DockerClient docker, String id, int port) {
        this.docker = docker;
        this.id = id;
        this.port = port;
    }

    /** The port on 127.0.0.1 that Docker publishes the proxy's port 80 on. */
    int port() {
        return port;
    }

    boolean isRunning() {
        Boolean running = docker.inspectContainerCmd(id).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    /**
     * Whether nginx reloaded its configuration after {@code since} and the worker of the previous
     * configuration has exited, so that every new connection is served with the new configuration.
     */
    boolean reloadedSince(Instant since) {
        boolean reconfigured = false;
        for (LogLine line : log()) {
            if (line.time().isBefore(since)) {
                continue;
            }
            if (line.text().contains("reconfiguring")) {
                reconfigured = true;
            } else if (reconfigured && line.text().contains("exited with code")) {
                return true;
            }
        }
        return false;
    }

    /** How many times nginx reloaded its configuration (its "reconfiguring" lines). */
    long reloads() {
        return log().stream().filter(line -> line.text().contains("reconfiguring")).count();
    }

    /** The lines nginx logged at level error or worse after {@code since}. */
    List<String> errorsSince(Instant since) {
        List<String> errors = new ArrayList<>();
        for (LogLine line : log()) {
            if (!line.time().isBefore(since) && line.text().matches(".*\\[(error|crit|alert|emerg)].*")) {
                errors.add(line.text());
            }
        }
        return errors;
    }

    /** The whole log, for a failure's diagnostics. */
    String logText() {
        StringBuilder text = new StringBuilder();
        for (LogLine line : log()) {
            text.append(line.time()).append(' ').append(line.text()).append('\n');
        }
        return text.toString();
    }

    private List<LogLine> log() {
        StringBuilder raw = new StringBuilder();
        try {
            docker.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTimestamps(true)
                    .withTailAll()
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (raw) {
                                raw.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    })
                    .awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the proxy's log", e);
        }
        List<LogLine> lines = new ArrayList<>();
        synchronized (raw) {
            for (String line : raw.toString().split("\n")) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    try {
                        lines.add(new LogLine(Instant.parse(line.substring(0, space)), line.substring(space + 1)));
                    } catch (DateTimeParseException notTimestamped) {
                        lines.add(new LogLine(Instant.EPOCH, line));
                    }
                }
            }
        }
        return lines;
    }

    private record LogLine(Instant time, String text) {}
}
