package dev.berth.cli.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 connection to the proxy, kept open: each {@link #get} sends a request on it and reads
 * the answer. A connection the proxy closed (as an old HAProxy worker does when a reload stops it)
 * fails the next request.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private int requests;

    KeepAliveConnection(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the status line of the answer */
    String get() throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: berth-e2e\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        requests++;
        InputStream in = socket.getInputStream();
        String status = line(in);
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else if (length >= 0) {
            in.readNBytes(length);
        } else {
            throw new IOException("an answer delimited by closing the connection: " + status);
        }
        return status;
    }

    int requests() {
        return requests;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the proxy closed the connection after " + line.length() + " characters of a line");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
