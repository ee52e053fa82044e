package dev.berth.core.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container Berth itself runs in, when it runs in one of the Docker Engine it watches: its
 * paths are not the host's (a file Berth writes to /conf.d/web.conf is where its bind mount's
 * source is on the host), and unless it shares the host's pid namespace, a proxy's processes are
 * not Berth's to see, so that every step goes through Docker's API.
 *
 * @param hostname the container's hostname, as Docker set it
 * @param sharesHostPids run with {@code --pid=host}
 */
record OwnContainer(String id, String hostname, boolean sharesHostPids, List<BindMount> mounts) {

    /**
     * Docker bind-mounts a file of its own folder for the container at /etc/hostname:
     * "… /var/lib/docker/containers/ID/hostname /etc/hostname rw,… - ext4 /dev/vda rw".
     */
    private static final Pattern HOSTNAME_MOUNT =
            Pattern.compile("^\\S+ \\S+ \\S+ \\S*/containers/([0-9a-f]{64})/hostname /etc/hostname ", Pattern.MULTILINE);

    OwnContainer {
        mounts = List.copyOf(mounts);
    }

    /** Where a path of Berth's is on the host; empty when no mount holds it (it is in the container's own files). */
    Optional<Path> hostPath(Path own) {
        return BindMount.ontoHost(mounts, own);
    }

    /**
     * Finds Berth's own container from {@code clues}: the id in the mount of /etc/hostname, else (in
     * a container that Docker made, with a hostname) the container named by the hostname, which
     * Docker sets to the short id unless told otherwise; empty where Berth runs on the host (or in a
     * container of another Engine).
     *
     * @param inspect a container by id or name; empty when the Engine knows none such
     */
    static Optional<OwnContainer> find(Clues clues, Function<String, Optional<OwnContainer>> inspect) {
        Matcher mount = HOSTNAME_MOUNT.matcher(clues.mountinfo());
        if (mount.find()) {
            return inspect.apply(mount.group(1));
        }
        if (clues.dockerenv() && clues.hostname().isPresent()) {
            String hostname = clues.hostname().get();
            // A container that happens to be named like this host has a hostname of its own.
            return inspect.apply(hostname).filter(found -> found.hostname().equals(hostname));
        }
        return Optional.empty();
    }

    /**
     * What tells Berth the container it runs in: its process's mount table, whether Docker's
     * /.dockerenv marker exists, and the HOSTNAME environment variable.
     */
    record Clues(String mountinfo, boolean dockerenv, Optional<String> hostname) {

        static Clues read() {
            String mountinfo;
            try {
                mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
            } catch (IOException | RuntimeException e) {
                mountinfo = "";
            }
            return new Clues(mountinfo, Files.exists(Path.of("/.dockerenv")),
                    Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank()));
        }
    }
}
