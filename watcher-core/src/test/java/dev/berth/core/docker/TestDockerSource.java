package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link DockerSource} keeps following a daemon that ends its stream or stops answering. The
 * daemon is a stand-in speaking the two endpoints involved (events, ping) over HTTP on 127.0.0.1;
 * DaemonRestartIT shows the same against a real dockerd that is killed and stopped.
 */
final class TestDockerSource {

    private static final long WAIT_SECONDS = 30;
    private static final String SUBSCRIBED = "subscribed to Docker events";

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final BlockingQueue<HttpExchange> openStreams = new LinkedBlockingQueue<>();
    private final AtomicBoolean freezeNextPing = new AtomicBoolean();
    private final CountDownLatch thaw = new CountDownLatch(1);
    private final BlockingQueue<String> resyncs = new LinkedBlockingQueue<>();
    private HttpServer daemon;
    private DockerConnection docker;

    @BeforeEach
    void standInDaemon() throws IOException {
        daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        daemon.setExecutor(handlers);
        daemon.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/events")) {
                // Each subscription is two streams, containers' and networks'; count the first kind.
                if (exchange.getRequestURI().getQuery().contains("\"container\"")) {
                    subscriptions.incrementAndGet();
                }
                // Headers now, then a body that stays open and idle, as Docker's while nothing happens.
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().flush();
                openStreams.add(exchange);
            } else if (path.endsWith("/_ping")) {
                if (freezeNextPing.getAndSet(false)) {
                    await(thaw);
                }
                byte[] ok = "OK".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        daemon.start();
        docker = new DockerConnection(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("tcp://127.0.0.1:" + daemon.getAddress().getPort())
                .withDockerTlsVerify(false)
                .build());
    }

    @AfterEach
    void stop() throws IOException {
        thaw.countDown();
        daemon.stop(0);
        handlers.shutdownNow();
        docker.close();
    }

    @Test
    void subscribesThenAsksForAFullResync() throws InterruptedException {
        try (DockerSource source = source(new DaemonChecks(Duration.ZERO, Duration.ZERO))) {
            source.start();

            assertThat(nextResync()).isEqualTo(SUBSCRIBED);
            assertThat(subscriptions).hasValue(1);
        }
    }

    @Test
    void aStreamTheDaemonEndsIsFollowedAgainWithAFullResync() throws InterruptedException {
        try (DockerSource source = source(new DaemonChecks(Duration.ZERO, Duration.ZERO))) {
            source.start();
            assertThat(nextResync()).isEqualTo(SUBSCRIBED);

            openStreams.take().close();

            assertThat(nextResync()).as("the resync after the reconnect").isEqualTo(SUBSCRIBED);
            assertThat(subscriptions).hasValue(2);
        }
    }

    @Test
    void aDaemonThatDoesNotAnswerAPingIsLeftAndFollowedAgainWithAFullResync() throws InterruptedException {
        try (DockerSource source = source(new DaemonChecks(Duration.ofMillis(200), Duration.ZERO))) {
            source.start();
            assertThat(nextResync()).isEqualTo(SUBSCRIBED);

            freezeNextPing.set(true);

            assertThat(nextResync()).as("the resync after the reconnect").isEqualTo(SUBSCRIBED);
            assertThat(subscriptions).hasValue(2);
        }
    }

    @Test
    void asksForAFullResyncPeriodicallyWhileTheStreamIsUp() throws InterruptedException {
        try (DockerSource source = source(new DaemonChecks(Duration.ZERO, Duration.ofMillis(100)))) {
            source.start();
            assertThat(nextResync()).isEqualTo(SUBSCRIBED);

            assertThat(List.of(nextResync(), nextResync())).allMatch(why -> why.startsWith("periodic resync"));
            assertThat(subscriptions).hasValue(1);
        }
    }

    private DockerSource source(DaemonChecks checks) {
        return new DockerSource(docker, List.of(), checks, new DockerSource.Listener() {
            @Override
            public void containerChanged(ContainerEvent event) {
                // no event is sent in these tests
            }

            @Override
            public void resyncNeeded(String why) {
                resyncs.add(why);
            }
        });
    }

    private String nextResync() throws InterruptedException {
        String why = resyncs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(why).as("a resync asked for within %d s", WAIT_SECONDS).isNotNull();
        return why;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
