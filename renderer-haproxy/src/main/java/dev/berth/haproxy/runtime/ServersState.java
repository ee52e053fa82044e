package dev.berth.haproxy.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply to {@code show servers state}: a format version, a header naming the columns, then one
 * line per server. Columns are found by the header's names, not by position, as the format adds
 * columns from one version to the next.
 */
final class ServersState {

    /** Forced, inherited, or resolution maintenance (SRV_ADMF_MAINT); the configuration's own flag (CMAINT) stays set after "ready". */
    private static final int MAINT = 0x23;
    /** Forced or inherited drain (SRV_ADMF_DRAIN). */
    private static final int DRAIN = 0x18;

    /** One running server. @param maint in maintenance @param drain draining */
    record Running(String address, int port, int weight, boolean maint, boolean drain) {
        boolean matches(ConfigServers.Server server) {
            boolean state = server.disabled() ? maint : !maint && !drain;
            return state && weight == server.weight() && port == server.port() && Endpoint.sameAddress(address, server.address());
        }
    }

    private ServersState() {
    }

    /** Keyed by {@code backend/server}. @throws IllegalArgumentException for a reply of another shape (an error message, say) */
    static Map<String, Running> parse(String reply) {
        List<String> lines = reply.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2 || !lines.get(1).startsWith("# ")) {
            throw new IllegalArgumentException("not a server state: " + abbreviate(reply));
        }
        List<String> header = List.of(lines.get(1).substring(2).trim().split("\\s+"));
        int backend = column(header, "be_name");
        int name = column(header, "srv_name");
        int address = column(header, "srv_addr");
        int admin = column(header, "srv_admin_state");
        int weight = column(header, "srv_uweight");
        int port = column(header, "srv_port");
        Map<String, Running> servers = new HashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < header.size()) {
                throw new IllegalArgumentException("a server state line with " + fields.length + " of " + header.size() + " fields: " + line);
            }
            int flags = Integer.parseInt(fields[admin]);
            servers.put(fields[backend] + "/" + fields[name], new Running(fields[address], Integer.parseInt(fields[port]),
                    Integer.parseInt(fields[weight]), (flags & MAINT) != 0, (flags & DRAIN) != 0));
        }
        return servers;
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in the server state");
        }
        return index;
    }

    static String abbreviate(String reply) {
        String line = reply.strip().replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
