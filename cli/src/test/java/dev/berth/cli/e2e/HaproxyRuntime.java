package dev.berth.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the test itself asks HAProxy's admin socket: the servers a backend runs now, not in maintenance. */
public final class HaproxyRuntime {

    private HaproxyRuntime() {
    }

    /** {@code address:port} of every server of {@code backend} that is not in maintenance, as {@code show servers state} says. */
    public static List<String> activeServers(Path socket, String backend) {
        String[] lines = send(socket, "show servers state " + backend).split("\n");
        List<String> header = List.of(lines[1].substring(2).trim().split("\\s+"));
        List<String> active = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            String[] fields = lines[i].trim().split("\\s+");
            if (fields.length < header.size()) {
                continue;
            }
            // SRV_ADMF_MAINT: forced, inherited or resolution maintenance.
            if ((Integer.parseInt(fields[header.indexOf("srv_admin_state")]) & 0x23) == 0) {
                active.add(fields[header.indexOf("srv_addr")] + ":" + fields[header.indexOf("srv_port")]);
            }
        }
        return active;
    }

    static String send(Path socket, String command) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return reply.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask HAProxy's socket " + socket + ": " + command, e);
        }
    }
}
