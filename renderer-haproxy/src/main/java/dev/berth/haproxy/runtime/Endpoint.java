package dev.berth.haproxy.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IP literal and a port, as a server line gives it ({@code 172.18.0.3:80}, {@code [fd00::3]:8080}). */
record Endpoint(String address, int port) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    static Optional<Endpoint> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]") && IPV6.matcher(host.substring(1, host.length() - 1)).matches()) {
            return Optional.of(new Endpoint(host.substring(1, host.length() - 1), port));
        }
        return IPV4.matcher(host).matches() ? Optional.of(new Endpoint(host, port)) : Optional.empty();
    }

    /** Whether two IP literals name the same address (IPv6 has several spellings); parses literals only, never resolves. */
    static boolean sameAddress(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (!a.contains(":") || !b.contains(":") || !IPV6.matcher(a).matches() || !IPV6.matcher(b).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
