package dev.berth.haproxy.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code server} lines of a haproxy.cfg, and everything else: what a change may alter for the
 * Runtime API to take it (a server's address, port, weight, and whether it is disabled) and what it
 * may not (any other line or keyword, a server's name, the servers of a backend). Read from the
 * text alone, so that it holds for any template, not only Berth's own.
 *
 * @param skeleton the file without comments, with every server line cut down to what the Runtime API cannot change
 */
record ConfigServers(String skeleton, List<Server> servers) {

    /** One server line. @param weight 1 when the line gives none, as HAProxy takes it */
    record Server(String backend, String name, String address, int port, int weight, boolean disabled) {
        String id() {
            return backend + "/" + name;
        }
    }

    ConfigServers {
        servers = List.copyOf(servers);
    }

    /** Why the change from {@code before} to this one needs a reload; empty when the Runtime API can make it. */
    Optional<String> whyReloadFrom(ConfigServers before) {
        if (!skeleton.equals(before.skeleton)) {
            return Optional.of(firstDifference(before.skeleton, skeleton));
        }
        return Optional.empty();
    }

    static ConfigServers parse(String text) {
        StringBuilder skeleton = new StringBuilder();
        List<Server> servers = new ArrayList<>();
        // A section's server lines in name order: where a slot's line stands (taken slots first, say) is no change to HAProxy.
        Set<String> sectionServers = new TreeSet<>();
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(raw.charAt(0))) {
                sectionServers.forEach(rest -> skeleton.append(rest).append('\n'));
                sectionServers.clear();
                String[] words = line.split("\\s+");
                section = (words[0].equals("backend") || words[0].equals("listen")) && words.length > 1 ? words[1] : "";
            }
            String[] words = withoutComment(line).split("\\s+");
            Optional<Server> server = words[0].equals("server") && !section.isEmpty() ? server(section, words) : Optional.empty();
            if (server.isPresent()) {
                servers.add(server.get());
                sectionServers.add(rest(words));
            } else {
                skeleton.append(line).append('\n');
            }
        }
        sectionServers.forEach(rest -> skeleton.append(rest).append('\n'));
        return new ConfigServers(skeleton.toString(), servers);
    }

    /** A trailing comment (Berth's names the container); server lines hold no quoted '#'. */
    private static String withoutComment(String line) {
        int hash = line.indexOf(" #");
        return hash < 0 ? line : line.substring(0, hash).strip();
    }

    /** A server at an IP literal and a port: what {@code set server … addr} can set; otherwise none. */
    private static Optional<Server> server(String backend, String[] words) {
        if (words.length < 3) {
            return Optional.empty();
        }
        Optional<Endpoint> endpoint = Endpoint.parse(words[2]);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        int weight = 1;
        boolean disabled = false;
        for (int i = 3; i < words.length; i++) {
            if (words[i].equals("disabled")) {
                disabled = true;
            } else if (words[i].equals("weight") && i + 1 < words.length) {
                try {
                    weight = Integer.parseInt(words[++i]);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Server(backend, words[1], endpoint.get().address(), endpoint.get().port(), weight, disabled));
    }

    /** The server line without what the Runtime API can change. */
    private static String rest(String[] words) {
        List<String> kept = new ArrayList<>(List.of(words[0], words[1]));
        for (int i = 3; i < words.length; i++) {
            if (words[i].equals("weight")) {
                i++;
            } else if (!words[i].equals("disabled")) {
                kept.add(words[i]);
            }
        }
        return String.join(" ", kept);
    }

    private static String firstDifference(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String was = i < a.size() ? a.get(i) : "(nothing)";
            String now = i < b.size() ? b.get(i) : "(nothing)";
            if (!was.equals(now)) {
                return "`" + was + "` became `" + now + "`";
            }
        }
        return "the file changed";
    }
}
