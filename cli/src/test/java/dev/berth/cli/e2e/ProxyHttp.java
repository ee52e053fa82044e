package dev.berth.cli.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests to the proxy through the port it publishes on 127.0.0.1 (the only address the tests send
 * traffic to). Every request opens its own connection, so that each one is balanced on its own and
 * none rides a kept-alive connection to a worker of an older configuration.
 */
public final class ProxyHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private ProxyHttp() {}

    /** One GET /. */
    public static Outcome get(int port) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(response.statusCode(), response.body().strip(), null);
        } catch (IOException e) {
            return new Outcome(0, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "", "interrupted");
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
