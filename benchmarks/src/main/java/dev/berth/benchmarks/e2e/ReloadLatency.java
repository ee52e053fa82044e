package dev.berth.benchmarks.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.Settings;
import dev.berth.benchmarks.Spread;
import dev.berth.cli.e2e.BerthAndProxy;
import dev.berth.cli.e2e.Prerequisites;
import dev.berth.cli.e2e.ProxyKind;
import dev.berth.cli.e2e.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor and a single change, per proxy: a bare reload (a file written by hand, the proxy
 * signalled), and the same right after a container start, against a container start routed by Berth, in alternating rounds on one proxy; then
 * Berth with coalescing off, and with its check off, to show what each costs.
 */
public final class ReloadLatency implements Benchmark {

    /** The target: a single start served within this of a bare reload, with the defaults. */
    private static final double TARGET_OVER_FLOOR_MS = 15;

    @Override
    public String name() {
        return "reload";
    }

    @Override
    public String title() {
        return "Single change: a container start until it serves, against a bare reload";
    }

    @Override
    public String method(Settings settings) {
        return "Per proxy, one proxy container and one `berth watch` (defaults, `--upstream web`, and "
                + "`--resync-interval 0`: the floor writes Berth's file by hand) on a Docker network. "
                + "Floor: a backend Berth does not select is started, then the clock starts, the file is written by "
                + "hand (atomic rename) and the proxy signalled as Berth signals it; stop at the first request "
                + "through the proxy (127.0.0.1, a new connection each, polled every ms) answered by that backend; "
                + "the proxy's main process is signalled with kill(1) from the host, as Berth signals it (kill(2)) when "
                + "it runs there as root. Checked floor: the same with the proxy's own check run by hand in its "
                + "container (nsenter) before the signal, as Berth does by default. "
                + "Floor from a start: the clock starts when the start API call returns for a backend Berth does not "
                + "select, which is then inspected for its address, and routed as in the floor: what a script does at "
                + "best, and it bears, as Berth's rounds do, what a container that has just started costs the machine. "
                + "Berth: the clock starts when the start API call returns for a selected backend; stop at its first "
                + "answer through the proxy. After each round the backend is removed, Berth's reload confirmed and "
                + "1 s passed, so each start is a single change after quiet. Floor and Berth rounds alternate; "
                + "then the same with `--wait 0` (coalescing off) and `--no-check`. "
                + settings.pick(3, 20) + " rounds each, after one unrecorded warm-up round each.";
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
        int rounds = settings.pick(3, 20);
        List<Figure> figures = new ArrayList<>();
        for (ProxyKind kind : ProxyKind.values()) {
            kind.image(docker);
            Path work = Files.createDirectories(settings.work().resolve("reload-" + kind.rendererName()));
            try (BerthAndProxy setup = new BerthAndProxy(docker, settings.berthJar(), work, kind,
                    "bench-reload-" + kind.rendererName(), (title, content) -> { })) {
                setup.startBerthThenProxy(List.of("--upstream", "web"));
                String empty = Files.readString(setup.configFile());
                setup.bareRound(empty);
                setup.bareRound(empty, true);
                setup.startedBareRound(empty);
                setup.berthRound();
                List<Long> floor = new ArrayList<>();
                List<Long> checkedFloor = new ArrayList<>();
                List<Long> startFloor = new ArrayList<>();
                List<Long> defaults = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    floor.add(setup.bareRound(empty));
                    checkedFloor.add(setup.bareRound(empty, true));
                    startFloor.add(setup.startedBareRound(empty));
                    defaults.add(setup.berthRound());
                }
                List<Long> noWait = berthRounds(setup, rounds, "--wait", "0");
                List<Long> noCheck = berthRounds(setup, rounds, "--no-check");
                Spread bare = Spread.of(floor);
                String proxy = kind.rendererName();
                figures.add(Figure.of(proxy + ": floor, bare reload, p50", bare.p50(), "ms").detail(bare.describe("ms")));
                figures.add(Figure.of(proxy + ": floor, bare reload, p95", bare.p95(), "ms"));
                Spread checkedBare = Spread.of(checkedFloor);
                figures.add(Figure.of(proxy + ": bare reload with the proxy's check by hand first, p50", checkedBare.p50(), "ms")
                        .detail(checkedBare.describe("ms") + "; `" + String.join(" ", kind.checkInContainer())
                                + "` via nsenter, then the signal"));
                Spread started = Spread.of(startFloor);
                figures.add(Figure.of(proxy + ": floor from a start (started, inspected, file by hand, signal), p50", started.p50(), "ms")
                        .detail(started.describe("ms")));
                figures.addAll(againstFloor(proxy + ": Berth, defaults", Spread.of(defaults), bare, true));
                figures.add(Figure.of(proxy + ": Berth, defaults, p50 minus the floor from a start's p50",
                        Spread.of(defaults).p50() - started.p50(), "ms")
                        .detail("what Berth adds to a start routed by hand at once"));
                figures.add(Figure.of(proxy + ": Berth, defaults, p50 minus the checked bare reload's p50",
                        Spread.of(defaults).p50() - checkedBare.p50(), "ms")
                        .detail("what Berth adds to the work a careful operator does by hand"));
                figures.addAll(againstFloor(proxy + ": Berth, --wait 0 (coalescing off)", Spread.of(noWait), bare, false));
                figures.addAll(againstFloor(proxy + ": Berth, --no-check", Spread.of(noCheck), bare, false));
            }
        }
        return figures;
    }

    private static List<Long> berthRounds(BerthAndProxy setup, int rounds, String... options) throws InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--upstream", "web"));
        arguments.addAll(List.of(options));
        setup.startBerth(arguments);
        setup.berthRound();
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            millis.add(setup.berthRound());
        }
        return millis;
    }

    private static List<Figure> againstFloor(String what, Spread berth, Spread floor, boolean target) {
        double over = berth.p50() - floor.p50();
        Figure p50 = Figure.of(what + ", p50", berth.p50(), "ms").detail(berth.describe("ms"));
        Figure delta = Figure.of(what + ", p50 minus floor p50", over, "ms");
        if (target) {
            delta = delta.against("≤ floor + " + (int) TARGET_OVER_FLOOR_MS + " ms", over <= TARGET_OVER_FLOOR_MS);
        }
        return List.of(p50, Figure.of(what + ", p95", berth.p95(), "ms")
                .detail(String.format(java.util.Locale.ROOT, "floor p95 %.0f ms", floor.p95())), delta);
    }
}
