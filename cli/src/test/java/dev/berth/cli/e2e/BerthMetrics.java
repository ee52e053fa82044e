package dev.berth.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code berth watch --listen 127.0.0.1:0} serves, asked over plain HTTP on the port that
 * Berth logged when it started serving.
 */
public final class BerthMetrics {

    private static final Pattern SERVING = Pattern.compile("serving /metrics and /healthz on 127\\.0\\.0\\.1:(\\d+)");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BerthMetrics(int port) {
        this.port = port;
    }

    /** The port Berth logged; fails when it logged none. */
    public static BerthMetrics of(BerthCli.Watch berth) {
        Matcher matcher = SERVING.matcher(berth.log());
        if (!matcher.find()) {
            throw new AssertionError("berth watch did not log where it serves its metrics");
        }
        return new BerthMetrics(Integer.parseInt(matcher.group(1)));
    }

    /** An HTTP answer: its status code and body. */
    public record Answer(int status, String body) {
    }

    public Answer healthz() {
        return get("/healthz");
    }

    /** Every sample of a scrape, by its series ("name{labels}" as written), in order. */
    public Map<String, Double> scrape() {
        Answer answer = get("/metrics");
        if (answer.status() != 200) {
            throw new AssertionError("/metrics answered " + answer);
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        answer.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }

    /** The sum of a family's samples over all their labels (0 when it has none yet). */
    public static double sum(Map<String, Double> samples, String name) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }
}
