package dev.berth.metrics;

import dev.berth.core.spi.UsageException;

/** Where /metrics and /healthz are served: HOST:PORT, [IPv6]:PORT, or :PORT for every interface. Port 0: any free one. */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String value) {
        String text = value.strip();
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(value, "no port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(value, "an IPv6 address goes in brackets, as [::1]:9090");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(value, "the port is not a number");
        }
        if (port < 0 || port > 65_535) {
            throw invalid(value, "the port is not between 0 and 65535");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    private static UsageException invalid(String value, String why) {
        return new UsageException("--listen '" + value + "': " + why + " (expected HOST:PORT, e.g. 127.0.0.1:9090)");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
