package dev.berth.cli.e2e;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.Timeout;

/**
 * Requests to the proxy through the port it publishes on 127.0.0.1 (the only address the tests send
 * traffic to). Every request opens its own connection and closes it once answered, so that each one
 * is balanced on its own, none rides a kept-alive connection to a worker of an older configuration,
 * and none stays open: the JDK's HttpClient kept each client's connection alive for 20 minutes, and
 * thousands of them exhausted the test nginx's 256 worker connections ("worker_connections are not
 * enough"), so that a request now and then waited in the listen queue until it timed out.
 */
public final class ProxyHttp {

    private static final RequestConfig TIMEOUTS = RequestConfig.custom()
            .setConnectTimeout(Timeout.of(2, TimeUnit.SECONDS))
            .setResponseTimeout(Timeout.of(10, TimeUnit.SECONDS))
            .build();

    public static final String LOCALHOST = "127.0.0.1";

    private ProxyHttp() {}

    /** One GET / to 127.0.0.1. */
    public static Outcome get(int port) {
        return get(LOCALHOST, port);
    }

    /**
     * One GET / to {@code address}: 127.0.0.1, or an address in a network namespace that the test
     * created itself (a Swarm node's, see {@link SwarmLan}).
     */
    public static Outcome get(String address, int port) {
        return get(address, port, new HttpGet("http://" + address + ":" + port + "/"));
    }

    /** One GET of {@code path} to 127.0.0.1 with {@code host} as the Host header (with a port, if it has one). */
    public static Outcome get(int port, String host, String path) {
        HttpGet request = new HttpGet(path);
        request.setScheme("http");
        try {
            request.setAuthority(URIAuthority.create(host));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Host header: " + host, e);
        }
        return get(LOCALHOST, port, request);
    }

    /** {@code count} GETs with a Host header, one after the other. */
    public static List<Outcome> get(int port, String host, String path, int count) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outcomes.add(get(port, host, path));
        }
        return outcomes;
    }

    private static Outcome get(String address, int port, HttpGet request) {
        try (CloseableHttpClient client = HttpClients.custom()
                .setDefaultRequestConfig(TIMEOUTS)
                .setConnectionReuseStrategy((r, response, context) -> false)
                .disableAutomaticRetries()
                .build()) {
            // The connection goes to the address whatever the Host header says: no name is ever looked up.
            return client.execute(new HttpHost("http", address, port), request,
                    response -> new Outcome(response.getCode(),
                            response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()).strip(), null));
        } catch (IOException e) {
            return new Outcome(0, "", e.toString());
        }
    }

    /** {@code count} GETs, one after the other. */
    public static List<Outcome> get(int port, int count) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outcomes.add(get(port));
        }
        return outcomes;
    }

    /** A response (status and stripped body) or the reason there was none. */
    public record Outcome(int status, String body, String failure) {

        public boolean served() {
            return failure == null && status == 200;
        }

        @Override
        public String toString() {
            return failure != null ? "failed: " + failure : status + " " + body;
        }
    }
}
