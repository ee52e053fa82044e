package dev.berth.core.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code docker exec <container> <command>} runs a command with, when given no options: the
 * container's user ({@code Config.User}, a name resolved through the container's own /etc/passwd and
 * /etc/group as runc resolves it), its working directory ({@code Config.WorkingDir}, else /), and its
 * environment ({@code Config.Env}, with Docker's PATH if it has none, HOSTNAME, and the user's HOME
 * if it has none). Berth runs a proxy's check with nsenter as this, so that the check's verdict is
 * the one {@code docker exec} gives.
 */
record ExecContext(long uid, long gid, String workingDirectory, Map<String, String> environment) {

    /** Docker's PATH for a container whose configuration sets none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * The context of a container's configuration; empty when docker exec would refuse to run (a user
     * or group that the container's files do not name), or when nsenter could not run the command
     * as docker exec would: a user other than root that belongs to supplementary groups (nsenter
     * sets a user and one group only; root's groups do not decide what root may read).
     *
     * @param user {@code Config.User}: empty, name, uid, or either with {@code :group} or {@code :gid}
     * @param readFile a file of the container's root, such as /etc/passwd; empty when missing
     */
    static Optional<ExecContext> of(String user, List<String> env, String hostname, String workingDirectory,
            Function<String, Optional<String>> readFile) {
        Optional<Identity> identity = Identity.resolve(user == null ? "" : user, readFile);
        if (identity.isEmpty() || (identity.get().uid() != 0 && !identity.get().supplementary().isEmpty())) {
            return Optional.empty();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", DEFAULT_PATH);
        environment.put("HOSTNAME", hostname == null ? "" : hostname);
        for (String entry : env) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        environment.putIfAbsent("HOME", identity.get().home());
        String directory = workingDirectory == null || workingDirectory.isEmpty() ? "/" : workingDirectory;
        return Optional.of(new ExecContext(identity.get().uid(), identity.get().gid(), directory, Map.copyOf(environment)));
    }

    /** A user as runc resolves it: ids, home, and the groups (besides its own) that name it as member. */
    private record Identity(long uid, long gid, String home, List<Long> supplementary) {

        static Optional<Identity> resolve(String spec, Function<String, Optional<String>> readFile) {
            int colon = spec.indexOf(':');
            String userPart = colon < 0 ? spec : spec.substring(0, colon);
            String groupPart = colon < 0 ? "" : spec.substring(colon + 1);
            Optional<Long> numericUser = number(userPart);
            // runc: no user is uid 0; a number is always a uid, found in /etc/passwd or not; a name must be there.
            Optional<String[]> entry = readFile.apply("/etc/passwd").flatMap(passwd -> lines(passwd)
                    .stream().filter(fields -> fields.length >= 7)
                    .filter(fields -> userPart.isEmpty() ? "0".equals(fields[2])
                            : numericUser.isPresent() ? numericUser.equals(number(fields[2]))
                            : userPart.equals(fields[0]))
                    .findFirst());
            if (entry.isEmpty() && !userPart.isEmpty() && numericUser.isEmpty()) {
                return Optional.empty();
            }
            long uid = entry.flatMap(fields -> number(fields[2])).orElse(numericUser.orElse(0L));
            long gid = entry.flatMap(fields -> number(fields[3])).orElse(0L);
            String home = entry.map(fields -> fields[5]).filter(h -> !h.isEmpty()).orElse("/");
            String name = entry.map(fields -> fields[0]).orElse("");
            List<String[]> groups = readFile.apply("/etc/group").map(Identity::lines).orElse(List.of());
            List<Long> supplementary = new ArrayList<>();
            if (!groupPart.isEmpty()) {
                // An explicit group is the only one: runc adds no supplementary groups then.
                Optional<Long> numericGroup = number(groupPart);
                Optional<Long> named = groups.stream().filter(fields -> fields.length >= 3 && groupPart.equals(fields[0]))
                        .findFirst().flatMap(fields -> number(fields[2]));
                if (numericGroup.isEmpty() && named.isEmpty()) {
                    return Optional.empty();
                }
                gid = numericGroup.orElseGet(named::get);
            } else if (!name.isEmpty()) {
                for (String[] fields : groups) {
                    if (fields.length >= 4 && List.of(fields[3].split(",")).contains(name)) {
                        number(fields[2]).ifPresent(supplementary::add);
                    }
                }
                long primary = gid;
                supplementary.removeIf(g -> g == primary);
            }
            return Optional.of(new Identity(uid, gid, home, List.copyOf(supplementary)));
        }

        private static List<String[]> lines(String file) {
            return file.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split(":", -1)).toList();
        }

        private static Optional<Long> number(String text) {
            if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 10) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(text));
        }
    }
}
