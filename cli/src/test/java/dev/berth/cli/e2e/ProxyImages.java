package dev.berth.cli.e2e;

import java.nio.file.Path;

/**
 * Proxy images made of a host binary, the libraries {@code ldd} lists and a few files. Each proxy is
 * a few lines on top of {@link #base}.
 */
public final class ProxyImages {

    /** The config directory that tests bind-mount from a temporary folder; Berth writes into it. */
    public static final String NGINX_CONF_D = "/etc/nginx/conf.d";

    /**
     * HAProxy's config directory, bind-mounted from a temporary folder as a whole (not the file): Berth
     * replaces the file by a rename, which a single-file bind mount would never show.
     */
    public static final String HAPROXY_CONF_DIR = "/usr/local/etc/haproxy";

    /** The file that HAProxy reads and Berth writes, in {@link #HAPROXY_CONF_DIR}. */
    public static final String HAPROXY_CFG = "haproxy.cfg";

    private ProxyImages() {}

    /**
     * A host binary with its libraries, and the users a proxy switches to. glibc 2.34+ resolves
     * users from /etc/passwd without loading an NSS module, so no further library is needed.
     */
    public static ScratchImage base(String tag, Path binary) {
        return ScratchImage.tagged(tag)
                .hostBinaryWithLibraries(binary)
                .textFile("/etc/passwd", """
                        root:x:0:0:root:/root:/sbin/nologin
                        nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
                        """)
                .textFile("/etc/group", """
                        root:x:0:
                        nogroup:x:65534:
                        """)
                .directory("/run")
                .directory("/tmp");
    }

    /**
     * The host's nginx, logging to stderr at level notice (so that tests can see every reload and
     * every upstream error in the container's log), reading every {@code conf.d/*.conf}.
     */
    public static ScratchImage nginx(String tag) {
        return base(tag, Prerequisites.NGINX)
                .textFile("/etc/nginx/nginx.conf", """
                        daemon off;
                        master_process on;
                        worker_processes 1;
                        user nobody nogroup;
                        error_log stderr notice;
                        pid /run/nginx.pid;
                        events { worker_connections 256; }
                        http {
                            access_log off;
                            include %s/*.conf;
                        }
                        """.formatted(NGINX_CONF_D))
                .directory(NGINX_CONF_D)
                .directory("/var/log/nginx")
                .directory("/var/lib/nginx")
                .instruction("EXPOSE 80")
                // -e: the error log before the config is read (Debian's build already says stderr).
                .instruction("ENTRYPOINT [\"/usr/sbin/nginx\", \"-e\", \"stderr\"]");
    }

    /**
     * The host's HAProxy in master-worker mode ({@code -W}: SIGUSR2 makes the master re-execute and
     * start a worker on the new configuration) and in the foreground ({@code -db}), so that the master
     * logs every reload and every alert to stderr, which is the container's log.
     */
    public static ScratchImage haproxy(String tag) {
        return base(tag, Prerequisites.HAPROXY)
                .directory(HAPROXY_CONF_DIR)
                .instruction("EXPOSE 80")
                .instruction("ENTRYPOINT [\"/usr/sbin/haproxy\", \"-W\", \"-db\", \"-f\", \"%s/%s\"]"
                        .formatted(HAPROXY_CONF_DIR, HAPROXY_CFG));
    }
}
