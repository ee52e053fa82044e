package dev.berth.haproxy.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * HAProxy's stats socket as far as Berth uses it, on a real Unix socket: one line per
 * connection, of one command or several separated by ';'; {@code show servers state} and {@code set server … addr|weight|state} change and
 * answer the state of the servers it was given, as HAProxy 2.6 words it. A command the test
 * marks as refused answers "Permission denied", as HAProxy does below level admin.
 */
final class FakeRuntimeSocket implements AutoCloseable {

    /** One server's running state. */
    private record Server(String address, int port, int weight, boolean maint) {
    }

    private final ServerSocketChannel server;
    private final Map<String, Server> servers = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile Predicate<String> refused = command -> false;

    /** @param state {@code backend/server} to "address:port weight maint|ready" */
    FakeRuntimeSocket(Path path, Map<String, String> state) throws IOException {
        state.forEach((id, line) -> {
            String[] words = line.split("[ :]");
            servers.put(id, new Server(words[0], Integer.parseInt(words[1]), Integer.parseInt(words[2]), words[3].equals("maint")));
        });
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        thread = new Thread(this::serve, "fake-haproxy-socket");
        thread.setDaemon(true);
        thread.start();
    }

    void refuse(Predicate<String> which) {
        refused = which;
    }

    /** The {@code set server} commands received, in order. */
    List<String> setCommands() {
        synchronized (commands) {
            return commands.stream().filter(c -> c.startsWith("set server")).toList();
        }
    }

    /** How many connections (one line of commands each) it answered. */
    int connections() {
        return lines.size();
    }

    String state(String id) {
        Server s = servers.get(id);
        return s.address + ":" + s.port + " " + s.weight + " " + (s.maint ? "maint" : "ready");
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
                    client.read(in);
                }
                String line = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).strip();
                lines.add(line);
                StringBuilder answers = new StringBuilder();
                for (String command : line.split("; ")) {
                    commands.add(command);
                    answers.append(answer(command));
                }
                client.write(ByteBuffer.wrap(answers.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (server.isOpen()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private String answer(String command) {
        if (command.equals("show servers state")) {
            StringBuilder reply = new StringBuilder("1\n# be_id be_name srv_id srv_name srv_addr srv_admin_state srv_uweight srv_port\n");
            servers.forEach((id, s) -> reply.append("1 ").append(id.replace('/', ' ').replace(" ", " 1 ")).append(' ')
                    .append(s.address).append(' ').append(s.maint ? 1 : 0).append(' ').append(s.weight).append(' ')
                    .append(s.port).append('\n'));
            return reply.append('\n').toString();
        }
        if (refused.test(command)) {
            return "Permission denied\n\n";
        }
        String[] words = command.split(" ");
        Server s = servers.get(words[2]);
        switch (words[3]) {
            case "addr" -> {
                servers.put(words[2], new Server(words[4], Integer.parseInt(words[6]), s.weight, s.maint));
                return "IP changed from '" + s.address + "' to '" + words[4] + "', port changed from '" + s.port + "' to '"
                        + words[6] + "' by 'stats socket command'\n\n";
            }
            case "weight" -> servers.put(words[2], new Server(s.address, s.port, Integer.parseInt(words[4]), s.maint));
            default -> servers.put(words[2], new Server(s.address, s.port, s.weight, words[4].equals("maint")));
        }
        return "\n";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
