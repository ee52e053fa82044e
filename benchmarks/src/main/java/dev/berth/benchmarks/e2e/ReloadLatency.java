package dev.berth.benchmarks.e2e;

import com.github.dockerjava.api.DockerClient;
import dev.berth.benchmarks.Benchmark;
import dev.berth.benchmarks.Figure;
import dev.berth.benchmarks.Settings;
import dev.berth.benchmarks.Spread;
import dev.berth.cli.e2e.BerthAndProxy;
import dev.berth.cli.e2e.BerthPlace;
import dev.berth.cli.e2e.Prerequisites;
import dev.berth.cli.e2e.ProxyKind;
import dev.berth.cli.e2e.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The floor and a single change, per proxy: a bare reload (a file written by hand, the proxy
 * signalled), and the same right after a container start, against a container start routed by Berth, in alternating rounds on one proxy; then
 * Berth with coalescing off, and with its check off, to show what each costs; then Berth in its
 * container, with its defaults, against the floor on a proxy of its own.
 */
public final class ReloadLatency implements Benchmark {

    /** The target: a single start served within this of a bare reload, with the defaults. */
    private static final double TARGET_OVER_FLOOR_MS = 15;
    /** How {@link dev.berth.cli.e2e.TestImages#berth} finds scripts/build-image. */
    private static final String BUILD_IMAGE = "berth.buildImage";

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
                + "Then Berth in its container (the image `scripts/build-image` makes of the same berth.jar; given only "
                + "the Docker socket and the folder of the proxy's configuration, no host pid namespace, no network, so "
                + "that it signals, checks and watches the proxy through Docker's API), defaults, with a new proxy "
                + "container and network: its rounds alternate with floor rounds on that proxy, and are set against them. "
                + "HAProxy: Berth's defaults change its servers through the Runtime API (no reload); the same with "
                + "`--no-runtime-api` is the reload path, and the defaults' p50 is set against half the floor's. "
                + settings.pick(3, 20) + " rounds each, after one unrecorded warm-up round each.";
    }

    @Override
    public List<Figure> run(Settings settings) throws Exception {
        DockerClient docker = Prerequisites.dockerWithProxiesAndBusybox();
        TestImages.backend(docker);
        requireImageOf(settings.berthJar());
        BerthPlace.CONTAINER.prepare();
        int rounds = settings.pick(3, 20);
        List<Figure> figures = new ArrayList<>();
        for (ProxyKind kind : ProxyKind.values()) {
            kind.image(docker);
            Spread onHost;
            try (BerthAndProxy setup = setUp(docker, settings, kind, BerthPlace.HOST)) {
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
                onHost = Spread.of(defaults);
                figures.addAll(againstFloor(proxy + ": Berth " + BerthPlace.HOST + ", defaults", onHost, bare, true));
                figures.add(Figure.of(proxy + ": Berth " + BerthPlace.HOST + ", defaults, p50 minus the floor from a start's p50",
                        onHost.p50() - started.p50(), "ms")
                        .detail("what Berth adds to a start routed by hand at once"));
                figures.add(Figure.of(proxy + ": Berth " + BerthPlace.HOST + ", defaults, p50 minus the checked bare reload's p50",
                        onHost.p50() - checkedBare.p50(), "ms")
                        .detail("what Berth adds to the work a careful operator does by hand"));
                figures.addAll(againstFloor(proxy + ": Berth, --wait 0 (coalescing off)", Spread.of(noWait), bare, false));
                figures.addAll(againstFloor(proxy + ": Berth, --no-check", Spread.of(noCheck), bare, false));
                if (kind == ProxyKind.HAPROXY) {
                    // The defaults go through the Runtime API; this is the reload path they replace.
                    figures.addAll(againstFloor(proxy + ": Berth, --no-runtime-api (reload path)",
                            Spread.of(berthRounds(setup, rounds, "--no-runtime-api")), bare, false));
                    double ratio = onHost.p50() / bare.p50();
                    figures.add(Figure.of(proxy + ": Berth " + BerthPlace.HOST + ", defaults (Runtime API), p50 / floor p50", ratio, "")
                            .against("≤ 0.5", ratio <= 0.5));
                }
            }
            figures.addAll(inContainer(docker, settings, kind, rounds, onHost));
        }
        return figures;
    }

    /** Berth in its container with its defaults, its rounds alternating with floor rounds on a proxy of its own. */
    private static List<Figure> inContainer(DockerClient docker, Settings settings, ProxyKind kind, int rounds, Spread onHost)
            throws Exception {
        try (BerthAndProxy setup = setUp(docker, settings, kind, BerthPlace.CONTAINER)) {
            setup.startBerthThenProxy(List.of("--upstream", "web"));
            String empty = Files.readString(setup.configFile());
            setup.bareRound(empty);
            setup.berthRound();
            List<Long> floor = new ArrayList<>();
            List<Long> defaults = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                floor.add(setup.bareRound(empty));
                defaults.add(setup.berthRound());
            }
            Spread bare = Spread.of(floor);
            Spread inContainer = Spread.of(defaults);
            String proxy = kind.rendererName();
            String berth = proxy + ": Berth " + BerthPlace.CONTAINER;
            List<Figure> figures = new ArrayList<>();
            figures.add(Figure.of(proxy + ": floor alongside Berth " + BerthPlace.CONTAINER + ", bare reload, p50", bare.p50(), "ms")
                    .detail(bare.describe("ms")));
            figures.addAll(againstFloor(berth + ", defaults", inContainer, bare, true));
            figures.add(Figure.of(berth + ", defaults, p50 minus Berth " + BerthPlace.HOST + ", defaults, p50",
                    inContainer.p50() - onHost.p50(), "ms")
                    .detail("what the container adds (signal, check and watch through Docker's API); measured one after the other"));
            return figures;
        }
    }

    private static BerthAndProxy setUp(DockerClient docker, Settings settings, ProxyKind kind, BerthPlace place)
            throws Exception {
        String name = kind.rendererName() + (place == BerthPlace.HOST ? "" : "-container");
        Path work = Files.createDirectories(settings.work().resolve("reload-" + name));
        return new BerthAndProxy(docker, settings.berthJar(), work, kind, place, "bench-reload-" + name, (title, content) -> { });
    }

    /**
     * Berth's image is what scripts/build-image makes of its checkout's cli/target/berth.jar: the
     * container row measures the Berth of the host rows only when that is the jar measured.
     */
    private static void requireImageOf(Path berthJar) throws Exception {
        String script = System.getProperty(BUILD_IMAGE);
        if (script == null || script.isBlank()) {
            throw new IllegalStateException("system property " + BUILD_IMAGE + " is not set: run scripts/benchmark, or java -D"
                    + BUILD_IMAGE + "=scripts/build-image -jar benchmarks/target/benchmarks.jar");
        }
        Path imagesJar = Path.of(script).toAbsolutePath().getParent().getParent().resolve("cli/target/berth.jar");
        if (!Files.exists(imagesJar) || !Files.isSameFile(imagesJar, berthJar)) {
            throw new IllegalStateException(script + " builds Berth's image from " + imagesJar + ", not from the jar measured, "
                    + berthJar + ": give --berth-jar " + imagesJar);
        }
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
                .detail(String.format(Locale.ROOT, "floor p95 %.0f ms", floor.p95())), delta);
    }
}
