package dev.berth.benchmarks.swarm;

import dev.berth.cli.e2e.ProxyContainer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A client that sends requests through the proxy from the moment it starts and keeps when each
 * backend (by the hostname it answers) answered first: a benchmark asks afterwards, once it knows
 * which backends are new, so that its own waiting never delays what it measures.
 */
final class FirstAnswers implements AutoCloseable {

    private final Map<String, Instant> first = new ConcurrentHashMap<>();
    private final Thread client;
    private volatile boolean running = true;

    FirstAnswers(ProxyContainer proxy) {
        client = new Thread(() -> {
            while (running) {
                String body = proxy.get().body();
                first.putIfAbsent(body, Instant.now());
            }
        }, "first-answers");
        client.setDaemon(true);
        client.start();
    }

    /** When the last of {@code hostnames} first answered; waits up to 60 s for them all. */
    Instant lastOf(Collection<String> hostnames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!first.keySet().containsAll(hostnames)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("never answered through the proxy: "
                        + hostnames.stream().filter(h -> !first.containsKey(h)).toList());
            }
            Thread.sleep(10);
        }
        return hostnames.stream().map(first::get).max(Instant::compareTo).orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        client.join(TimeUnit.SECONDS.toMillis(30));
    }
}
