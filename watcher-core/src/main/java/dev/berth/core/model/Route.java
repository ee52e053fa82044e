package dev.berth.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host name and path prefix that a group serves, from its containers' {@code berth.host} and
 * {@code berth.path} labels. Only values that are safe unquoted in nginx and HAProxy can be held.
 *
 * @param host an RFC 1123 host name, or one with a leading "*." wildcard; held in lower case, as names compare without case
 * @param path a path prefix starting with "/"
 */
public record Route(String host, String path) {

    /** RFC 1123 labels, dot-separated; ASCII only, in either case (without UNICODE_CASE, no "\u212a" for 'k'). */
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*", Pattern.CASE_INSENSITIVE);

    /**
     * Unreserved URI characters only: no '%' (nginx matches the decoded path, HAProxy the raw one),
     * nothing a proxy's syntax gives a meaning to.
     */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]{0,254}");

    private static final int MAX_HOST = 253;

    /**
     * The order in which a request's Host header is matched, as nginx does: exact names (by name)
     * before wildcards, a longer wildcard before a shorter one; then the longest path first.
     */
    public static final Comparator<Route> MATCH_ORDER = Comparator.comparing(Route::wildcard)
            .thenComparingInt((Route r) -> r.wildcard() ? -r.host().length() : 0)
            .thenComparing(Route::host)
            .thenComparing(Comparator.comparingInt((Route r) -> r.path().length()).reversed())
            .thenComparing(Route::path);

    public static final String DEFAULT_PATH = "/";

    public Route {
        requireNonNull(host, "host");
        requireNonNull(path, "path");
        Optional<String> hostProblem = hostProblem(host);
        if (hostProblem.isPresent()) {
            throw new IllegalArgumentException("host '" + Printable.of(host) + "' is not valid: expected " + hostProblem.get());
        }
        Optional<String> pathProblem = pathProblem(path);
        if (pathProblem.isPresent()) {
            throw new IllegalArgumentException("path '" + Printable.of(path) + "' is not valid: expected " + pathProblem.get());
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /** What a host name should have been, if it cannot be routed. */
    public static Optional<String> hostProblem(String host) {
        if (host.length() > MAX_HOST || !HOST.matcher(host).matches()) {
            return Optional.of("a host name (RFC 1123: letters, digits and '-' in dot-separated labels of at most 63,"
                    + " at most 253 in all), optionally starting with '*.'");
        }
        return Optional.empty();
    }

    /** What a path prefix should have been, if it cannot be routed. */
    public static Optional<String> pathProblem(String path) {
        if (!PATH.matcher(path).matches()) {
            return Optional.of("a path starting with '/' of letters, digits, '.', '_', '~', '-' and '/', at most 255");
        }
        // The proxies normalize a request's path before matching (nginx does): such a prefix would never match.
        String inner = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!inner.isEmpty()) {
            for (String segment : inner.substring(1).split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    return Optional.of("a path with no empty, '.' or '..' segment");
                }
            }
        }
        return Optional.empty();
    }

    public boolean wildcard() {
        return host.startsWith("*.");
    }

    /** What a wildcard host's names end with (".example.com" for "*.example.com"); the host itself if exact. */
    public String suffix() {
        return wildcard() ? host.substring(1) : host;
    }

    @Override
    public String toString() {
        return host + path;
    }
}
