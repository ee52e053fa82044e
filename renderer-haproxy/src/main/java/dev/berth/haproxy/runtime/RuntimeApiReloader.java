package dev.berth.haproxy.runtime;

import dev.berth.core.spi.CheckResult;
import dev.berth.core.spi.ConfigChange;
import dev.berth.core.spi.ConfigCheck;
import dev.berth.core.spi.ReloadResult;
import dev.berth.core.spi.Reloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a change into HAProxy through its Runtime API where it can, and has {@code reloader} reload
 * it where it cannot. The file is written first, so that it always describes what runs. A change
 * that alters only server lines' addresses, ports, weights and "disabled" (a slot taken or freed)
 * is made at runtime, in place, as soon as it is written ({@link #applyInPlace}): the running
 * servers are compared with the new file, the commands that make them match are sent (servers that
 * leave first), and the state read back ({@code show servers state}) confirms it. It needs no
 * {@code haproxy -c}: the rest of the file is the one HAProxy runs, and HAProxy refuses an address,
 * port or weight it cannot take. Anything else is checked and reloads: another line changed, a
 * server was added or removed (a group outgrew its slots, a group came or went), a command failed
 * or the read-back differs, or the socket does not answer (said once, until it answers again). On
 * start, the running servers are set to what the file says.
 */
public final class RuntimeApiReloader implements Reloader {

    private static final Logger log = LoggerFactory.getLogger(RuntimeApiReloader.class);
    private static final long RELOAD_WAIT_SECONDS = 10;
    /** Well within HAProxy's CLI line (its buffer, 16 kB by default): a command is under 80 characters. */
    private static final int COMMANDS_PER_LINE = 64;

    private final Reloader reloader;
    private final RuntimeSocket socket;
    private final Path output;
    private final String target;
    /** The last reload: the runtime is changed only once the new worker, which owns the socket, runs. */
    private CompletableFuture<List<ReloadResult>> lastReload = CompletableFuture.completedFuture(List.of());
    private boolean unreachableTold;
    /** The file whose change the Runtime API failed to make in place: once checked, it reloads. */
    private String failedInPlace;
    /** The change {@link #takesInPlace} last said yes to. */
    private ConfigChange lastTaken;
    private boolean startChecked;

    /** @param output the file Berth writes, read on start to set the running servers to it */
    public RuntimeApiReloader(Reloader reloader, RuntimeSocket socket, Path output) {
        this.reloader = reloader;
        this.socket = socket;
        this.output = output;
        this.target = "HAProxy through " + socket;
    }

    @Override
    public CompletionStage<List<ReloadResult>> reload() {
        lastReload = reloader.reload().toCompletableFuture();
        return lastReload.copy();
    }

    @Override
    public CompletionStage<List<ReloadResult>> apply(ConfigChange change) {
        Optional<String> why = whyReload(change);
        if (why.isPresent()) {
            log.info("reloading HAProxy: {}", why.get());
            return reload();
        }
        if (change.next().equals(failedInPlace)) {
            return reload(); // its failure was told by applyInPlace, and the check passed since
        }
        return runtime(change).<CompletionStage<List<ReloadResult>>>map(CompletableFuture::completedFuture).orElseGet(this::reload);
    }

    @Override
    public boolean takesInPlace(ConfigChange change) {
        boolean takes = lastReload.isDone() && !unreachableTold && whyReload(change).isEmpty();
        lastTaken = takes ? change : null;
        return takes;
    }

    @Override
    public Optional<List<ReloadResult>> applyInPlace(ConfigChange change) {
        failedInPlace = null;
        // Berth asks takesInPlace first: the two files are then not parsed and compared again.
        if (!change.equals(lastTaken) && !takesInPlace(change)) {
            return Optional.empty();
        }
        Optional<List<ReloadResult>> done = runtime(change);
        if (done.isEmpty()) {
            failedInPlace = change.next();
        }
        return done;
    }

    /** Why the change needs a reload; empty when the Runtime API can make it. */
    private static Optional<String> whyReload(ConfigChange change) {
        if (change.previous().isEmpty()) {
            return Optional.of("the first file");
        }
        return ConfigServers.parse(change.next()).whyReloadFrom(ConfigServers.parse(change.previous().get()))
                .map(difference -> "the change is more than server slots (" + difference + ")");
    }

    /** The change made at runtime and confirmed; empty, and said why, when it could not be. */
    private Optional<List<ReloadResult>> runtime(ConfigChange change) {
        try {
            return Optional.of(List.of(ReloadResult.updatedAtRuntime(target, update(change.next()))));
        } catch (Unreachable e) {
            tellUnreachable(e.getMessage(), change.next());
        } catch (RuntimeFailure e) {
            log.warn("reloading HAProxy: the Runtime API could not make the change: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** Sets the running servers to the file; @return what was done, with its time */
    private String update(String file) throws Unreachable, RuntimeFailure {
        awaitLastReload();
        long start = System.nanoTime();
        List<ConfigServers.Server> servers = ConfigServers.parse(file).servers();
        List<Command> commands = Command.toMatch(servers, running())
                .orElseThrow(() -> new RuntimeFailure("HAProxy runs other servers than the file's"));
        // Addresses and weights first, all of them, and confirmed: a slot made ready at a wrong address would take requests.
        sendTogether(commands.stream().filter(command -> !command.readies()).toList());
        sendTogether(commands.stream().filter(Command::readies).toList());
        Optional<List<Command>> left = Command.toMatch(servers, running());
        if (left.isEmpty() || !left.get().isEmpty()) {
            throw new RuntimeFailure("read back, the servers differ from the file: still to do "
                    + left.map(Object::toString).orElse("(servers missing)"));
        }
        if (unreachableTold) {
            unreachableTold = false;
            log.info("HAProxy's runtime socket {} answers again: changes go into effect without reloads", socket);
        }
        return commands.size() + " commands in " + (System.nanoTime() - start) / 1_000_000
                + " ms, confirmed by show servers state" + (commands.isEmpty() ? "" : ": " + String.join("; ",
                        commands.stream().map(Command::text).map(t -> t.substring("set server ".length())).toList()));
    }

    /** One connection for many commands (HAProxy's CLI takes them separated by ';'): a pass of 100 changes costs a few round trips, not 100. */
    private void sendTogether(List<Command> commands) throws Unreachable, RuntimeFailure {
        for (int from = 0; from < commands.size(); from += COMMANDS_PER_LINE) {
            List<Command> line = commands.subList(from, Math.min(commands.size(), from + COMMANDS_PER_LINE));
            String answer = send(String.join("; ", line.stream().map(Command::text).toList()));
            List<String> replies = Command.replies(answer);
            if (replies.size() != line.size()) {
                throw new RuntimeFailure(line.size() + " commands got " + replies.size() + " answers: " + ServersState.abbreviate(answer));
            }
            for (int i = 0; i < line.size(); i++) {
                if (!line.get(i).worked(replies.get(i))) {
                    throw new RuntimeFailure("`" + line.get(i).text() + "` answered: " + ServersState.abbreviate(replies.get(i)));
                }
            }
        }
    }

    private Map<String, ServersState.Running> running() throws Unreachable, RuntimeFailure {
        String reply = send("show servers state");
        try {
            return ServersState.parse(reply);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailure(e.getMessage());
        }
    }

    private String send(String command) throws Unreachable {
        try {
            return socket.send(command);
        } catch (IOException e) {
            throw new Unreachable(e.toString());
        }
    }

    private void awaitLastReload() {
        try {
            lastReload.get(RELOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // its failure was told where it was confirmed; the runtime's read-back decides
        }
    }

    /** Once until the socket answers again: every change reloads meanwhile. */
    private void tellUnreachable(String why, String file) {
        if (unreachableTold) {
            return;
        }
        unreachableTold = true;
        String hint = file.contains("stats socket") ? "HAProxy creates it if it can write to that folder (mount it read-write "
                + "for HAProxy's user, uid 99 in the official image) and the path given by --runtime-socket is that folder's"
                : "the file declares no `stats socket` (a user template?)";
        log.warn("HAProxy's runtime socket {} does not answer ({}): changes go into effect by reloads until it does; {}; "
                + "--no-runtime-api turns runtime updates off", socket, why, hint);
    }

    /** On start: the running servers are set to the file (Berth may have stopped between writing it and changing them). */
    @Override
    public void prepare(Optional<ConfigCheck> check) {
        reloader.prepare(check);
        if (startChecked) {
            return;
        }
        startChecked = true;
        try {
            if (Files.exists(output)) {
                log.info("HAProxy's running servers set to {}: {}", output, update(Files.readString(output)));
            }
        } catch (IOException | Unreachable e) {
            log.debug("running servers not compared with {} on start: {}", output, e.getMessage());
        } catch (RuntimeFailure e) {
            log.warn("reloading HAProxy on start: {}", e.getMessage());
            reload();
        }
    }

    @Override
    public List<CheckResult> check(ConfigCheck check) {
        return reloader.check(check);
    }

    @Override
    public String describeTargets() {
        return "server changes through HAProxy's Runtime API (" + socket + "), else " + reloader.describeTargets();
    }

    @Override
    public Set<String> proxyNetworks() {
        return reloader.proxyNetworks();
    }

    /** The socket does not answer. */
    private static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    /** The socket answered, but not as the change needs. */
    private static final class RuntimeFailure extends Exception {
        RuntimeFailure(String message) {
            super(message, null, false, false);
        }
    }
}
