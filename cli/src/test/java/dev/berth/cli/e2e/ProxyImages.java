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
     * A host binary with its libraries, the users a proxy switches to ({@code users} and
     * {@code groups}: further lines of /etc/passwd and /etc/group), and busybox as the shell and
     * tools an official image has. glibc 2.34+ resolves users from /etc/passwd without loading an
     * NSS module, so no further library is needed.
     */
    public static ScratchImage base(String tag, Path binary, String users, String groups) {
        return ScratchImage.tagged(tag)
                .hostBinaryWithLibraries(binary)
                .hostFile(Prerequisites.BUSYBOX)
                .textFile("/etc/passwd", """
                        root:x:0:0:root:/root:/bin/sh
                        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                        """ + users)
                .textFile("/etc/group", """
                        root:x:0:
                        nogroup:x:65534:
                        """ + groups)
                .directory("/run")
                .directory("/tmp")
                // Debian's layout, which the official images are built on.
                .symlink("/var/run", "/run")
                .instruction("RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]");
    }

    /**
     * nginx set up as the official {@code nginx} image sets itself up: its nginx.conf (workers as
     * {@code user nginx}, uid 101; the error log {@code /var/log/nginx/error.log} at level notice and
     * the access log, both symbolic links to the container's {@code /dev/stderr} and
     * {@code /dev/stdout}; {@code include conf.d/*.conf}), an entrypoint script that execs its
     * arguments, {@code CMD nginx -g 'daemon off;'} and {@code STOPSIGNAL SIGQUIT}. The binary is the
     * host's (Debian's), so the temporary folders are where Debian's build puts them
     * ({@code nginx -V}: /var/lib/nginx/…), where the official build uses /var/cache/nginx.
     */
    public static ScratchImage nginx(String tag) {
        return base(tag, Prerequisites.NGINX,
                        "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n", "nginx:x:101:\n")
                .hostFile(Path.of("/etc/nginx/mime.types"))
                .textFile("/etc/nginx/nginx.conf", """

                        user  nginx;
                        worker_processes  auto;

                        error_log  /var/log/nginx/error.log notice;
                        pid        /var/run/nginx.pid;


                        events {
                            worker_connections  1024;
                        }


                        http {
                            include       /etc/nginx/mime.types;
                            default_type  application/octet-stream;

                            log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                                              '$status $body_bytes_sent "$http_referer" '
                                              '"$http_user_agent" "$http_x_forwarded_for"';

                            access_log  /var/log/nginx/access.log  main;

                            sendfile        on;
                            #tcp_nopush     on;

                            keepalive_timeout  65;

                            #gzip  on;

                            include %s/*.conf;
                        }
                        """.formatted(NGINX_CONF_D))
                .executableTextFile("/docker-entrypoint.sh", """
                        #!/bin/sh
                        # As the official image's entrypoint, without its configuration scripts: nginx replaces the shell.
                        set -e
                        if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
                            echo "$0: Configuration complete; ready for start up"
                        fi
                        exec "$@"
                        """)
                .directory(NGINX_CONF_D)
                .directory("/var/cache/nginx")
                .directory("/var/lib/nginx")
                .directory("/var/log/nginx")
                .symlink("/var/log/nginx/access.log", "/dev/stdout")
                .symlink("/var/log/nginx/error.log", "/dev/stderr")
                .instruction("ENTRYPOINT [\"/docker-entrypoint.sh\"]")
                .instruction("EXPOSE 80")
                .instruction("STOPSIGNAL SIGQUIT")
                .instruction("CMD [\"nginx\", \"-g\", \"daemon off;\"]");
    }

    /**
     * HAProxy set up as the official {@code haproxy} image sets itself up: it runs as
     * {@code USER haproxy} (uid 99, not root) in {@code WORKDIR /var/lib/haproxy}, reads
     * /usr/local/etc/haproxy/haproxy.cfg, and its entrypoint adds {@code -W} (master-worker: SIGUSR2
     * makes the master re-execute and start a worker on the new configuration) and {@code -db} (the
     * foreground, so that the master logs every reload and alert to the container's log);
     * {@code STOPSIGNAL SIGUSR1}. Port 80 binds as uid 99 because Docker (20.10+) sets
     * {@code net.ipv4.ip_unprivileged_port_start=0} in the container's network namespace.
     */
    public static ScratchImage haproxy(String tag) {
        return base(tag, Prerequisites.HAPROXY,
                        "haproxy:x:99:99::/var/lib/haproxy:/usr/sbin/nologin\n", "haproxy:x:99:\n")
                .executableTextFile("/usr/local/bin/docker-entrypoint.sh", """
                        #!/bin/sh
                        set -e

                        # first argument an option (-f, --some-option): run haproxy with it
                        if [ "${1#-}" != "$1" ]; then
                            set -- haproxy "$@"
                        fi

                        # master-worker mode (reload with SIGUSR2), in the foreground
                        if [ "$1" = 'haproxy' ]; then
                            shift
                            set -- haproxy -W -db "$@"
                        fi

                        exec "$@"
                        """)
                .directory(HAPROXY_CONF_DIR)
                .directory("/var/lib/haproxy")
                .instruction("RUN [\"/bin/chown\", \"haproxy:haproxy\", \"/var/lib/haproxy\"]")
                .instruction("STOPSIGNAL SIGUSR1")
                .instruction("ENTRYPOINT [\"docker-entrypoint.sh\"]")
                .instruction("USER haproxy")
                .instruction("WORKDIR /var/lib/haproxy")
                .instruction("CMD [\"haproxy\", \"-f\", \"%s/%s\"]".formatted(HAPROXY_CONF_DIR, HAPROXY_CFG));
    }
}
