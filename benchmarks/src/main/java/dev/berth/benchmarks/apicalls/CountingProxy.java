package dev.berth.benchmarks.apicalls;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Unix socket that forwards every byte to the Docker daemon's socket and records each request
 * line it passes on. It follows HTTP/1.1 on the way in (keep-alive connections carry several
 * requests; bodies have a length or chunks) and copies the way back as it is, so that a streaming
 * answer such as {@code /events} is never held. After an upgraded request (attach, exec) it only copies.
 */
final class CountingProxy implements AutoCloseable {

    /** One request as the daemon received it. */
    record Call(long nanos, String method, String target) {
    }

    private final Path socket;
    private final Path daemon;
    private final ServerSocketChannel server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    CountingProxy(Path socket, Path daemon) throws IOException {
        this.socket = socket;
        this.daemon = daemon;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        daemonThread("counting-proxy-accept", this::accept).start();
    }

    String dockerHost() {
        return "unix://" + socket;
    }

    /** Every request so far, in order. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(daemon));
                daemonThread("counting-proxy-in", () -> requests(client, upstream)).start();
                daemonThread("counting-proxy-out", () -> copy(upstream, client)).start();
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private void requests(SocketChannel client, SocketChannel upstream) {
        try (InputStream in = new BufferedInputStream(in(client));
             OutputStream out = new BufferedOutputStream(out(upstream))) {
            String requestLine;
            while ((requestLine = line(in, out)) != null) {
                if (requestLine.isEmpty()) {
                    continue;
                }
                String[] parts = requestLine.split(" ");
                calls.add(new Call(System.nanoTime(), parts[0], parts.length > 1 ? parts[1] : ""));
                long length = 0;
                boolean chunked = false;
                boolean upgrade = false;
                for (String header = line(in, out); header != null && !header.isEmpty(); header = line(in, out)) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).strip());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    } else if (lower.startsWith("upgrade:")) {
                        upgrade = true;
                    }
                }
                if (chunked) {
                    long size;
                    while ((size = Long.parseLong(line(in, out).split(";")[0].strip(), 16)) > 0) {
                        copy(in, out, size);
                        line(in, out);
                    }
                    while (!line(in, out).isEmpty()) {
                        // trailers
                    }
                } else {
                    copy(in, out, length);
                }
                out.flush();
                if (upgrade) {
                    in.transferTo(out);
                    return;
                }
            }
        } catch (IOException | RuntimeException ended) {
            // the client or the daemon closed the connection
        } finally {
            closeQuietly(upstream);
        }
    }

    /** One CRLF-ended line, passed on as it is read; null at the end of the stream. */
    private static String line(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            out.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the request body ended early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        try (InputStream in = in(from); OutputStream out = out(to)) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed
        } finally {
            closeQuietly(to);
        }
    }

    /*
     * Plain streams on the channel. Channels.newInputStream and newOutputStream share the channel's
     * blocking lock: a read waiting for the next request would block the answer on its way back.
     */
    private static InputStream in(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return channel.read(ByteBuffer.wrap(bytes, offset, length));
            }
        };
    }

    private static OutputStream out(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    private static Thread daemonThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
