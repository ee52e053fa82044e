package dev.berth.cli.e2e;

import dev.berth.cli.e2e.ProxyHttp.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A steady stream of requests through the proxy's published port, from a few client threads, each
 * request after the last one's answer, while a test changes the containers behind it; every request
 * that was not served is kept. {@link #close} stops it and waits for the clients' last requests.
 */
public final class ClientLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads;
    private final List<CompletableFuture<Void>> clients;

    private ClientLoad(String address, int port, int clients) {
        this.threads = Executors.newFixedThreadPool(clients);
        this.clients = IntStream.range(0, clients).mapToObj(i -> CompletableFuture.runAsync(() -> {
            while (running.get()) {
                Outcome outcome = ProxyHttp.get(address, port);
                requests.incrementAndGet();
                if (!outcome.served()) {
                    failures.add(new Failure(Instant.now(), outcome));
                }
            }
        }, threads)).toList();
    }

    /** Starts {@code clients} threads sending GET / to 127.0.0.1:{@code port}. */
    public static ClientLoad start(int port, int clients) {
        return new ClientLoad(ProxyHttp.LOCALHOST, port, clients);
    }

    /** Starts {@code clients} threads sending GET / to the proxy's published address and port. */
    public static ClientLoad start(ProxyContainer proxy, int clients) {
        return new ClientLoad(proxy.address(), proxy.port(), clients);
    }

    /** The requests answered or failed so far. */
    public long requests() {
        return requests.get();
    }

    /** The requests that were not served (no answer, or not 200), so far, with when their answer came (to set beside the logs). */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        running.set(false);
        try {
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        } finally {
            threads.shutdownNow();
        }
    }

    /** A request that was not served, and when its answer (or failure) came. */
    public record Failure(Instant at, Outcome outcome) {

        @Override
        public String toString() {
            return at + " " + outcome;
        }
    }
}
