package dev.berth.cli.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.berth.core.spi.ContainerControl.ExecResult;
import dev.berth.core.host.HostCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The images the end-to-end tests run, built from this machine's files (no image can be pulled).
 * A test class builds what it needs; Docker's layer cache makes a rebuild of unchanged files cheap.
 */
public final class TestImages {

    /** The tag of Berth's image that {@link #berth} builds. */
    /** Berth's image for the tests; system property berth.testImage names another tag (one run's own, beside other runs). */
    public static final String BERTH = System.getProperty("berth.testImage", "berth-test/berth:latest");

    /** The port the backends listen on, as in the blog post. */
    public static final int BACKEND_PORT = 5090;

    private TestImages() {}

    /**
     * Busybox's httpd answering GET / with the container's hostname (the first 12 characters of its
     * id). The shell in front of it ends on SIGTERM, as a well-behaved service does, so that
     * {@code docker stop} is quick (a PID 1 that ignores SIGTERM makes Docker wait 10 s to kill it).
     */
    public static String backend(DockerClient docker) {
        return busyboxBackend(docker, "berth-test/backend:latest", "kill $! 2>/dev/null; exit 0");
    }

    /**
     * As {@link #backend}, but on SIGTERM it behaves like an application that shuts down gracefully:
     * it keeps serving, answering "draining", for {@code seconds}; then it stops accepting
     * connections, lets the requests it accepted finish, and exits. The answer is swapped by a
     * rename, so that a response being sent keeps the file it started with, and padded with spaces to
     * the hostname's length: busybox's httpd takes Content-Length from a stat before it opens the
     * file, so an answer of another length, renamed in between, would go out cut short or padded.
     */
    public static String drainingBackend(DockerClient docker, int seconds) {
        return busyboxBackend(docker, "berth-test/backend-draining-" + seconds + "s:latest",
                "h=$(hostname); printf \"%-${#h}s\\n\" draining > /tmp/draining; mv /tmp/draining /www/index.html; sleep "
                        + seconds
                        + "; kill $! 2>/dev/null; sleep 1; exit 0");
    }

    /**
     * As {@link #backend}, and {@code GET /cgi-bin/stream} answers a line every second and never
     * ends: a long-lived connection, as a websocket or a server-sent event stream keeps one open.
     * X-Accel-Buffering: no makes nginx pass each line on at once, as it must for such a stream.
     */
    public static String streamingBackend(DockerClient docker) {
        String tag = "berth-test/backend-streaming:latest";
        return build(docker, tag, () -> busyboxImage(tag, "kill $! 2>/dev/null; exit 0")
                .executableTextFile("/www/cgi-bin/stream", """
                        #!/bin/sh
                        printf 'Content-Type: text/plain\\r\\nX-Accel-Buffering: no\\r\\n\\r\\n'
                        while true; do echo tick; sleep 1; done
                        """));
    }

    /** Busybox's httpd serving its hostname on {@link #BACKEND_PORT}, running {@code onTerm} on SIGTERM or SIGINT. */
    private static String busyboxBackend(DockerClient docker, String tag, String onTerm) {
        return build(docker, tag, () -> busyboxImage(tag, onTerm));
    }

    private static ScratchImage busyboxImage(String tag, String onTerm) {
        return ScratchImage.tagged(tag)
                .hostFile(Prerequisites.BUSYBOX)
                .executableTextFile("/usr/local/bin/serve", """
                        #!/bin/sh
                        hostname > /www/index.html
                        httpd -f -p %d -h /www &
                        trap '%s' TERM INT
                        wait
                        """.formatted(BACKEND_PORT, onTerm))
                .directory("/www")
                .directory("/tmp")
                .instruction("RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]")
                .instruction("EXPOSE " + BACKEND_PORT)
                .instruction("CMD [\"/usr/local/bin/serve\"]");
    }

    /** The host's nginx as the proxy, set up as the official image (see {@link ProxyImages#nginx}). */
    public static String nginx(DockerClient docker) {
        return build(docker, "berth-test/nginx-official:latest", () -> ProxyImages.nginx("berth-test/nginx-official:latest"));
    }

    /** The host's HAProxy as the proxy, set up as the official image (see {@link ProxyImages#haproxy}). */
    public static String haproxy(DockerClient docker) {
        return build(docker, "berth-test/haproxy-official:latest", () -> ProxyImages.haproxy("berth-test/haproxy-official:latest"));
    }

    /**
     * Berth's own image, built as users build it: {@code scripts/build-image} (system property
     * berth.buildImage), from the berth.jar under test, under a tag of the tests.
     */
    public static String berth() {
        String tag = BERTH;
        String script = System.getProperty("berth.buildImage");
        if (script == null || script.isBlank()) {
            throw new IllegalStateException("system property berth.buildImage is not set; run the end-to-end tests with"
                    + " `./mvnw verify` (failsafe sets it to scripts/build-image)");
        }
        ExecResult built = HostCommand.run(List.of(script, tag, "--label", ScratchImage.LABEL + "=image"), Map.of(),
                Duration.ofMinutes(10));
        if (built.exitCode() != 0) {
            throw new IllegalStateException(script + " " + tag + " exited " + built.exitCode() + ":\n" + built.output());
        }
        return tag;
    }

    private static String build(DockerClient docker, String tag, Supplier<ScratchImage> image) {
        image.get().build(docker);
        return tag;
    }
}
