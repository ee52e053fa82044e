package dev.berth.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** How the end-to-end tests wait: generously, since they test correctness, not speed. */
final class Waiting {

    static final Duration AT_MOST = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(100);

    private Waiting() {}

    static ConditionFactory upTo30s(String what) {
        return await(what).atMost(AT_MOST).pollDelay(Duration.ZERO).pollInterval(POLL);
    }
}
