package dev.berth.haproxy.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HAProxy's stats socket at {@code level admin}: one line per connection (a command, or several
 * separated by ';'), as the CLI works when
 * it is not in interactive mode, and the whole reply as text (HAProxy closes the connection after
 * it). A reply that does not come within the timeout counts as a failure, so that a stuck proxy
 * cannot hold up Berth's passes.
 */
public final class RuntimeSocket {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Path path;

    public RuntimeSocket(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** @throws IOException when the socket is missing, refuses, or does not answer in time */
    public String send(String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            // Not blocking from the start: a proxy that does not accept (a full backlog) must not hold up the pass either.
            channel.configureBlocking(false);
            if (!channel.connect(UnixDomainSocketAddress.of(path))) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                while (!channel.finishConnect()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new IOException("no connection within " + TIMEOUT.toMillis() + " ms");
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
            ByteBuffer request = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            while (request.hasRemaining()) {
                if (System.nanoTime() >= deadline) {
                    throw new IOException("could not send `" + command + "` within " + TIMEOUT.toMillis() + " ms");
                }
                channel.write(request);
            }
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
                    throw new IOException("no complete answer to `" + command + "` within " + TIMEOUT.toMillis() + " ms");
                }
                selector.selectedKeys().clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    return reply.toString(StandardCharsets.UTF_8);
                }
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
