package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.model.Backend;
import dev.berth.core.model.Health;
import dev.berth.core.model.Snapshot;
import dev.berth.core.model.Upstream;
import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ConfigException;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import dev.berth.core.spi.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestSyncPipeline {

    @TempDir
    Path dir;

    /** Renders one line per backend, or fails on demand, as a broken template would. */
    private static final class FakeRenderer implements Renderer {
        boolean fail;

        @Override
        public String render(Snapshot snapshot) {
            if (fail) {
                throw new ConfigException("template broken.j2: line 3: unknown token");
            }
            StringBuilder out = new StringBuilder();
            snapshot.upstreams().forEach(u -> u.backends().forEach(b -> out.append(u.name()).append(' ').append(b.endpoint()).append('\n')));
            return out.toString();
        }

        /** Every line names its group first. */
        @Override
        public Optional<String> groupAt(Snapshot snapshot, String text, int line) {
            return Optional.of(text.lines().toList().get(line - 1).split(" ")[0]);
        }
    }

    /** Reloads nothing, but records its calls; its check rejects a file that names REJECTED, as nginx -t would a broken file. */
    private static final class CountingReloader implements Reloader {
        final List<String> calls = new ArrayList<>();
        final List<String> checked = new ArrayList<>();
        /** Whether the error names the file and line, as nginx does for most errors. */
        boolean pointsAtTheLine;

        @Override
        public List<CheckResult> check(ConfigCheck check) {
            try {
                String text = Files.readString(check.file());
                checked.add(String.join(" ", check.commandFor(check.file())) + ": " + text);
                List<String> lines = text.lines().toList();
                int line = 1 + lines.indexOf(lines.stream().filter(l -> l.contains(REJECTED)).findFirst().orElse(""));
                return List.of(line > 0
                        ? CheckResult.rejected("container proxy", "nginx: [emerg] host not found in upstream \"" + REJECTED + "\""
                                + (pointsAtTheLine ? " in /etc/nginx/conf.d/" + check.file().getFileName() + ":" + line : ""))
                        : CheckResult.passed("container proxy"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CompletionStage<List<ReloadResult>> reload() {
            calls.add("reload");
            return CompletableFuture.completedFuture(List.of(ReloadResult.ok("proxy", "sent SIGHUP")));
        }

        @Override
        public String describeTargets() {
            return "the test proxy";
        }
    }

    private static Snapshot snapshot(String... addresses) {
        return new Snapshot(List.of(group("web", addresses)), List.of());
    }

    private static Upstream group(String name, String... addresses) {
        List<Backend> backends = new ArrayList<>();
        for (String address : addresses) {
            backends.add(new Backend("id-" + name + address, name + "-" + address, address, 5090, 0, false, Health.NONE, new TreeMap<>()));
        }
        return new Upstream(name, backends);
    }

    private static Snapshot groups(Upstream... upstreams) {
        return new Snapshot(List.of(upstreams), List.of());
    }

    private final FakeRenderer renderer = new FakeRenderer();
    private final CountingReloader reloader = new CountingReloader();

    @Test
    void writesAndReloadsOnlyWhenTheOutputChanges() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader);

        assertThat(pipeline.apply(snapshot("172.18.0.2"))).as("reloaded for the first file").isTrue();
        assertThat(pipeline.apply(snapshot("172.18.0.2"))).as("reloaded for the same text").isFalse();
        assertThat(pipeline.apply(snapshot("172.18.0.2", "172.18.0.3"))).as("reloaded for a change").isTrue();

        assertThat(reloader.calls).hasSize(2);
        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\nweb 172.18.0.3:5090\n");
    }

    @Test
    void aFailedRenderKeepsTheLastGoodFileAndDoesNotReload() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader);
        pipeline.apply(snapshot("172.18.0.2"));

        renderer.fail = true;
        assertThat(pipeline.apply(snapshot("172.18.0.3"))).as("reloaded after a failed render").isFalse();

        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\n");
        assertThat(reloader.calls).hasSize(1);

        renderer.fail = false;
        pipeline.apply(snapshot("172.18.0.3"));
        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.3:5090\n");
        assertThat(reloader.calls).hasSize(2);
    }

    private static final String REJECTED = "192.0.2.66";
    private static final List<String> CHECK = List.of("nginx", "-t", "{file}");

    /** A checked pipeline that serves 172.18.0.2 and has checked ahead for 172.18.0.3 starting. */
    private SyncPipeline servingOneAndCheckingAheadASecond(Path file) {
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(snapshot("172.18.0.2"));
        pipeline.anticipate(snapshot("172.18.0.2", "172.18.0.3"));
        return pipeline;
    }

    @Test
    void unchangedOutputIsNeitherWrittenNorCheckedNorReloaded() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(snapshot("172.18.0.2"));
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, written);

        pipeline.apply(snapshot("172.18.0.2"));

        assertThat(Files.getLastModifiedTime(file)).as("the file's time").isEqualTo(written);
        assertThat(reloader.checked).hasSize(1);
        assertThat(reloader.calls).hasSize(1);
    }

    @Test
    void theCheckSeesTheNewFileAtItsRealPlaceBeforeTheReload() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);

        pipeline.apply(snapshot("172.18.0.2"));

        assertThat(reloader.checked).containsExactly("nginx -t " + file + ": web 172.18.0.2:5090\n");
        assertThat(reloader.calls).hasSize(1);
    }

    @Test
    void aConfigTheProxyRejectsIsReplacedByTheLastGoodFileAndNotReloaded() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(snapshot("172.18.0.2"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        byte[] good = Files.readAllBytes(file);

        assertThat(pipeline.apply(snapshot("172.18.0.2", REJECTED))).as("reloaded for a rejected file").isFalse();

        assertThat(reloader.checked).last().asString().contains("web " + REJECTED + ":5090");
        assertThat(Files.readAllBytes(file)).as("the file after the rejection").isEqualTo(good);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(reloader.calls).as("reloads").hasSize(1);

        pipeline.apply(snapshot("172.18.0.3"));
        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.3:5090\n");
        assertThat(reloader.calls).as("reloads after a good change").hasSize(2);
    }

    @Test
    void aFirstFileTheProxyRejectsIsRemoved() {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);

        pipeline.apply(snapshot(REJECTED));

        assertThat(file).doesNotExist();
        assertThat(reloader.calls).isEmpty();
    }

    @Test
    void withoutACheckCommandNothingIsChecked() {
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(dir.resolve("web.conf")), reloader, List.of());

        pipeline.apply(snapshot(REJECTED));

        assertThat(reloader.checked).isEmpty();
        assertThat(reloader.calls).hasSize(1);
    }

    @Test
    void aStartCheckedAheadIsReloadedWithoutRenderingOrCheckingAgain() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(snapshot("172.18.0.2"));

        pipeline.anticipate(snapshot("172.18.0.2", "172.18.0.3"));

        assertThat(Files.readString(file)).as("the file while the container starts").isEqualTo("web 172.18.0.2:5090\nweb 172.18.0.3:5090\n");
        assertThat(reloader.checked).as("checks").hasSize(2);
        assertThat(reloader.calls).as("reloads while the container starts").hasSize(1);

        renderer.fail = true;
        assertThat(pipeline.apply(snapshot("172.18.0.2", "172.18.0.3"))).as("reloaded once it runs").isTrue();

        assertThat(reloader.checked).as("checks").hasSize(2);
        assertThat(reloader.calls).hasSize(2);
        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\nweb 172.18.0.3:5090\n");
    }

    @Test
    void aStartThatRunsOtherwiseThanForeseenGoesTheUsualWay() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = servingOneAndCheckingAheadASecond(file);

        assertThat(pipeline.apply(snapshot("172.18.0.2", "172.18.0.4"))).isTrue();

        assertThat(reloader.checked).last().asString().endsWith("web 172.18.0.2:5090\nweb 172.18.0.4:5090\n");
        assertThat(reloader.calls).hasSize(2);
        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\nweb 172.18.0.4:5090\n");
    }

    @Test
    void aStartThatServesNothingNewPutsBackWhatTheProxyRunsWithoutAReload() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = servingOneAndCheckingAheadASecond(file);

        // The container runs, but is not served (say, its health check has not passed yet).
        assertThat(pipeline.apply(snapshot("172.18.0.2"))).as("reloaded").isFalse();

        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\n");
        assertThat(reloader.calls).hasSize(1);
    }

    @Test
    void anAbandonedAnticipationPutsBackThePreviousFile() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = servingOneAndCheckingAheadASecond(file);

        pipeline.abandon();

        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\n");
        assertThat(reloader.calls).hasSize(1);
        assertThat(pipeline.apply(snapshot("172.18.0.2"))).as("reloaded for what the proxy runs").isFalse();
    }

    @Test
    void aRejectedAnticipationLeavesThePreviousFileAndIsToldWhenTheContainerRuns() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(snapshot("172.18.0.2"));

        pipeline.anticipate(snapshot("172.18.0.2", REJECTED));

        assertThat(Files.readString(file)).as("the file after a rejected anticipation").isEqualTo("web 172.18.0.2:5090\n");
        assertThat(pipeline.apply(snapshot("172.18.0.2", REJECTED))).as("reloaded").isFalse();
        assertThat(reloader.checked).as("checked ahead, then when it ran").hasSize(3);
        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\n");
        assertThat(reloader.calls).hasSize(1);
    }

    @Test
    void withoutACheckNothingIsWrittenAhead() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, List.of());
        pipeline.apply(snapshot("172.18.0.2"));

        pipeline.anticipate(snapshot("172.18.0.2", "172.18.0.3"));

        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\n");
        assertThat(pipeline.apply(snapshot("172.18.0.2", "172.18.0.3"))).isTrue();
        assertThat(reloader.calls).hasSize(2);
    }

    @Test
    void aGroupTheProxyRejectsIsLeftOutAndTheOthersGoIntoEffect() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(groups(group("api", "172.18.0.5"), group("web", "172.18.0.2")));

        assertThat(pipeline.apply(groups(group("api", "172.18.0.5", REJECTED), group("web", "172.18.0.2", "172.18.0.3"))))
                .as("reloaded for what the proxy accepts").isTrue();

        assertThat(Files.readString(file)).as("api as the proxy last accepted it, web with its new container")
                .isEqualTo("api 172.18.0.5:5090\nweb 172.18.0.2:5090\nweb 172.18.0.3:5090\n");
        assertThat(reloader.calls).hasSize(2);
    }

    @Test
    void aLeftOutGroupIsTriedAgainOnlyWhenItsContainersChange() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(groups(group("web", "172.18.0.2"), group("api", "172.18.0.5", REJECTED)));
        int checks = reloader.checked.size();

        assertThat(pipeline.apply(groups(group("web", "172.18.0.2", "172.18.0.3"), group("api", "172.18.0.5", REJECTED))))
                .as("reloaded for web's new container").isTrue();
        assertThat(reloader.checked).as("checks while api stays as it was rejected").hasSize(checks + 1);
        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\nweb 172.18.0.3:5090\n");

        assertThat(pipeline.apply(groups(group("web", "172.18.0.2", "172.18.0.3"), group("api", "172.18.0.5")))).isTrue();
        assertThat(Files.readString(file)).isEqualTo("api 172.18.0.5:5090\nweb 172.18.0.2:5090\nweb 172.18.0.3:5090\n");
    }

    @Test
    void aGroupTheErrorsLinePointsAtIsLeftOutWithOneMoreCheck() throws Exception {
        reloader.pointsAtTheLine = true;
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);

        pipeline.apply(groups(group("api", "172.18.0.5"), group("bad", REJECTED), group("web", "172.18.0.2")));

        assertThat(reloader.checked).as("the rejected file, then what goes into effect").hasSize(2);
        assertThat(Files.readString(file)).isEqualTo("api 172.18.0.5:5090\nweb 172.18.0.2:5090\n");
        assertThat(reloader.calls).hasSize(1);
    }

    @Test
    void aLeftOutGroupStaysOutOfAStartCheckedAhead() throws Exception {
        Path file = dir.resolve("web.conf");
        SyncPipeline pipeline = new SyncPipeline(renderer, new ConfigFile(file), reloader, CHECK);
        pipeline.apply(groups(group("api", REJECTED), group("web", "172.18.0.2")));

        pipeline.anticipate(groups(group("api", REJECTED), group("web", "172.18.0.2", "172.18.0.3")));
        int checks = reloader.checked.size();

        assertThat(Files.readString(file)).isEqualTo("web 172.18.0.2:5090\nweb 172.18.0.3:5090\n");
        assertThat(pipeline.apply(groups(group("api", REJECTED), group("web", "172.18.0.2", "172.18.0.3")))).isTrue();
        assertThat(reloader.checked).as("no check once it runs").hasSize(checks);
    }
}
