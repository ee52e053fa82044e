package dev.berth.haproxy.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Runtime API command and how to read its reply: {@code set server … addr} answers in words
 * whether it worked (success and failure come back alike, as text); the other {@code set server}
 * commands answer nothing when they work.
 */
record Command(String text) {

    /** Whether the reply says the command worked. */
    boolean worked(String reply) {
        String said = reply.strip();
        if (text.contains(" addr ")) {
            return said.contains("changed from") || said.startsWith("no need to change");
        }
        return said.isEmpty();
    }

    /**
     * The commands that make the running servers what the file says, each server's in the order
     * that keeps it from serving at a wrong address: slots to free go into maintenance first (before
     * any other command), a slot to take gets its address and weight before it is made ready.
     *
     * @return empty when a server of the file does not run: HAProxy runs another configuration
     */
    static Optional<List<Command>> toMatch(List<ConfigServers.Server> file, Map<String, ServersState.Running> running) {
        // Servers that leave go into maintenance first: a stopping container serves only for its grace period.
        List<Command> leaving = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        for (ConfigServers.Server server : file) {
            ServersState.Running now = running.get(server.id());
            if (now == null) {
                return Optional.empty();
            }
            if (now.matches(server)) {
                continue;
            }
            String prefix = "set server " + server.id() + " ";
            boolean moved = !Endpoint.sameAddress(now.address(), server.address()) || now.port() != server.port();
            if (server.disabled() && !now.maint()) {
                leaving.add(new Command(prefix + "state maint"));
            }
            if (moved) {
                commands.add(new Command(prefix + "addr " + server.address() + " port " + server.port()));
            }
            if (now.weight() != server.weight()) {
                commands.add(new Command(prefix + "weight " + server.weight()));
            }
            if (!server.disabled() && (now.maint() || now.drain())) {
                commands.add(new Command(prefix + "state ready"));
            }
        }
        leaving.addAll(commands);
        return Optional.of(leaving);
    }

    /** Whether it puts a server into service: sent only once every address and weight was set. */
    boolean readies() {
        return text.endsWith(" state ready");
    }

    /**
     * The answers to commands sent on one line, separated by ';', as HAProxy's CLI gives them:
     * each command's output (one line, or none), then an empty line.
     */
    static List<String> replies(String text) {
        List<String> replies = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String[] lines = text.split("\n", -1);
        // The text ends with a newline, which leaves an empty last element that answers nothing.
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            if (!lines[i].isEmpty()) {
                current.append(current.isEmpty() ? "" : "\n").append(lines[i]);
            } else {
                replies.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            replies.add(current.toString());
        }
        return replies;
    }
}
