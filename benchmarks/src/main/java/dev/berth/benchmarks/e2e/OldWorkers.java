package dev.berth.benchmarks.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.TopContainerResponse;
import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.Settings;
import dev.berth.cli.e2e.BerthAndProxy;
import dev.berth.cli.e2e.Prerequisites;
import dev.berth.cli.e2e.ProxyKind;
import dev.berth.cli.e2e.TestImages;
import dev.berth.cli.e2e.Topology.WebContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What reloads leave behind in nginx: each reload starts new workers, and an old worker stays
 * ("worker process is shutting down") until its last connection ends. Clients that keep a connection
 * open (websockets, server-sent events) while containers come and go pin one generation each.
 */
public final class OldWorkers implements Benchmark {

    /** The site: one location streams from the backends forever, as a long-lived connection does. */
    private static final String STREAM_REQUEST = "GET /cgi-bin/stream HTTP/1.1\r\nHost: bench\r\n\r\n";

    @Override
    public String name() {
        return "old-workers";
    }

    @Override
    public String title() {
        return "Old nginx workers after many changes with long-lived connections open";
    }

    @Override
    public String method(Settings settings) {
        return "nginx (official-like image, worker_processes auto, no worker_shutdown_timeout) and Berth with its "
                + "defaults; " + changes(settings) + " changes, each a container started or stopped after quiet, so "
                + "that each costs one reload; before each change a client opens one more connection whose response "
                + "streams a line a second and never ends. After the last change: the nginx processes and their RSS "
                + "(docker top; RSS counts the pages a worker shares with the master), then the same once the "
                + "clients closed their connections.";
    }

    private static int changes(Settings settings) {
        return settings.pick(10, 100);
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        DockerClient docker = Prerequisites.dockerWithNginxAndBusybox();
        String image = TestImages.streamingBackend(docker);
        ProxyKind.NGINX.image(docker);
        Path work = Files.createDirectories(settings.work().resolve("old-workers"));
        int changes = changes(settings);
        List<Socket> streams = new ArrayList<>();
        try (BerthAndProxy setup = new BerthAndProxy(docker, settings.berthJar(), work, ProxyKind.NGINX,
                "bench-old-workers", (title, content) -> { })) {
            WebContainer first = setup.topology().startWeb(image, create -> create);
            setup.startBerthThenProxy(List.of(), first);
            Instant since = Instant.now();
            MembershipChanges membership = new MembershipChanges(docker, setup, image);
            for (int change = 0; change < changes; change++) {
                streams.add(openStream(setup.proxy().port()));
                membership.next();
            }
            int reloads = setup.proxy().reloadsSince(since);
            Workers open = workers(docker, setup.proxy().id());
            for (Socket stream : streams) {
                stream.close();
            }
            streams.clear();
            Thread.sleep(3_000);
            Workers closed = workers(docker, setup.proxy().id());
            String what = "nginx, " + changes + " changes, " + changes + " long-lived connections: ";
            return List.of(
                    Figure.of(what + "reloads", reloads, ""),
                    Figure.of(what + "old workers left", open.shuttingDown(), "").detail(open.working() + " current workers"),
                    Figure.of(what + "RSS of the old workers", open.shuttingDownKb() / 1024.0, "MB")
                            .detail(String.format("current workers %.1f MB, master %.1f MB", open.workingKb() / 1024.0, open.masterKb() / 1024.0)),
                    Figure.of("nginx, 3 s after the clients closed them: old workers left", closed.shuttingDown(), "")
                            .detail(String.format("RSS of all nginx processes %.1f MB", closed.totalKb() / 1024.0)));
        } finally {
            for (Socket stream : streams) {
                stream.close();
            }
        }
    }

    /** A connection through the proxy whose response streams on; answers once its first line came. */
    static Socket openStream(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(STREAM_REQUEST.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (!head.startsWith("HTTP/1.1 200")) {
            socket.close();
            throw new IllegalStateException("the stream through the proxy answered " + head);
        }
        return socket;
    }

    /** nginx's processes as Docker's top lists them: RSS in kB by role. */
    private record Workers(int working, long workingKb, int shuttingDown, long shuttingDownKb, long masterKb) {

        long totalKb() {
            return workingKb + shuttingDownKb + masterKb;
        }
    }

    private static Workers workers(DockerClient docker, String proxy) {
        TopContainerResponse top = docker.topContainerCmd(proxy).withPsArgs("-o pid,rss,args").exec();
        List<String> titles = Arrays.asList(top.getTitles());
        int rss = titles.indexOf("RSS");
        int args = titles.indexOf("COMMAND");
        int working = 0;
        int shuttingDown = 0;
        long workingKb = 0;
        long shuttingDownKb = 0;
        long masterKb = 0;
        for (String[] process : top.getProcesses()) {
            long kb = Long.parseLong(process[rss].strip());
            String command = process[args];
            if (command.contains("shutting down")) {
                shuttingDown++;
                shuttingDownKb += kb;
            } else if (command.contains("worker process")) {
                working++;
                workingKb += kb;
            } else if (command.contains("master process")) {
                masterKb += kb;
            }
        }
        return new Workers(working, workingKb, shuttingDown, shuttingDownKb, masterKb);
    }
}
