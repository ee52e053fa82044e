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
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What membership changes leave behind in HAProxy: through the Runtime API, nothing (the same
 * processes); by reloads (--no-runtime-api), one old worker per reload while a connection it holds
 * stays open, as with nginx ({@link OldWorkers}).
 */
public final class HaproxyWorkers implements Benchmark {

    @Override
    public String name() {
        return "haproxy-workers";
    }

    @Override
    public String title() {
        return "HAProxy processes and memory after many membership changes: Runtime API against reloads";
    }

    @Override
    public String method(Settings settings) {
        return "HAProxy (official-like image, master-worker) and Berth with its defaults (Runtime API), then with "
                + "--no-runtime-api (reloads); " + changes(settings) + " changes, each a container started or removed "
                + "after quiet (one reload each on the reload path); before each change a client opens one more "
                + "connection whose response streams a line a second and never ends. The HAProxy processes and their "
                + "RSS (docker top; RSS counts shared pages) after 0 changes and after the last one; the processes "
                + "besides the master and its newest worker are old workers.";
    }

    private static int changes(Settings settings) {
        return settings.pick(10, 200);
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        String image = TestImages.streamingBackend(docker);
        ProxyKind.HAPROXY.image(docker);
        List<Figure> figures = new ArrayList<>();
        figures.addAll(run(docker, settings, image, "Runtime API", List.of()));
        figures.addAll(run(docker, settings, image, "--no-runtime-api", List.of("--no-runtime-api")));
        return figures;
    }

    private static List<Figure> run(DockerClient docker, Settings settings, String image, String way, List<String> options)
            throws Exception {
        Path work = Files.createDirectories(settings.work().resolve("haproxy-workers" + (options.isEmpty() ? "" : "-reloads")));
        int changes = changes(settings);
        List<Socket> streams = new ArrayList<>();
        try (BerthAndProxy setup = new BerthAndProxy(docker, settings.berthJar(), work, ProxyKind.HAPROXY,
                "bench-haproxy-workers", (title, content) -> { })) {
            WebContainer first = setup.topology().startWeb(image, create -> create);
            setup.startBerthThenProxy(options, first);
            streams.add(OldWorkers.openStream(setup.proxy().port()));
            Processes before = processes(docker, setup.proxy().id());
            Instant since = Instant.now();
            MembershipChanges membership = new MembershipChanges(docker, setup, image);
            for (int change = 0; change < changes; change++) {
                streams.add(OldWorkers.openStream(setup.proxy().port()));
                membership.next();
            }
            int reloads = setup.proxy().reloadsSince(since);
            Processes after = processes(docker, setup.proxy().id());
            String what = "haproxy, " + way + ", ";
            return List.of(
                    Figure.of(what + changes + " changes: reloads", reloads, ""),
                    Figure.of(what + "processes after 0 changes", before.count(), "")
                            .detail(String.format("RSS %.1f MB", before.kb() / 1024.0)),
                    Figure.of(what + "processes after " + changes + " changes", after.count(), "")
                            .detail(String.format("RSS %.1f MB; %d old workers, %.1f MB", after.kb() / 1024.0,
                                    after.oldWorkers(), after.oldWorkersKb() / 1024.0)),
                    Figure.of(what + "RSS after " + changes + " changes", after.kb() / 1024.0, "MB")
                            .detail(String.format("after 0: %.1f MB", before.kb() / 1024.0)));
        } finally {
            for (Socket stream : streams) {
                close(stream);
            }
        }
    }

    private static void close(Socket stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the benchmark is over: nothing to do
        }
    }

    /** HAProxy's processes: all, RSS in kB, and the old workers (neither the master nor its newest worker). */
    private record Processes(int count, long kb, int oldWorkers, long oldWorkersKb) {
    }

    private static Processes processes(DockerClient docker, String proxy) {
        TopContainerResponse top = docker.topContainerCmd(proxy).withPsArgs("-o pid,ppid,rss,args").exec();
        List<String> titles = Arrays.asList(top.getTitles());
        int pid = titles.indexOf("PID");
        int ppid = titles.indexOf("PPID");
        int rss = titles.indexOf("RSS");
        int args = titles.indexOf("COMMAND");
        List<String[]> haproxy = Arrays.stream(top.getProcesses()).filter(p -> p[args].contains("haproxy")).toList();
        Set<String> pids = new HashSet<>();
        haproxy.forEach(p -> pids.add(p[pid].strip()));
        long kb = 0;
        long workersKb = 0;
        long newestKb = 0;
        long newest = -1;
        int workers = 0;
        for (String[] process : haproxy) {
            long processKb = Long.parseLong(process[rss].strip());
            kb += processKb;
            if (pids.contains(process[ppid].strip())) {
                workers++;
                workersKb += processKb;
                long id = Long.parseLong(process[pid].strip());
                if (id > newest) {
                    newest = id;
                    newestKb = processKb;
                }
            }
        }
        return new Processes(haproxy.size(), kb, Math.max(0, workers - 1), workers == 0 ? 0 : workersKb - newestKb);
    }
}
