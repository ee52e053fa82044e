package dev.berth.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** How the end-to-end tests wait: generously, since they test correctness, not speed. */
public final class Waiting {

    public static final Duration AT_MOST = Duration.ofSeconds(30);
    public static final Duration POLL = Duration.ofMillis(100);

    private Waiting() {}

    public static ConditionFactory upTo30s(String what) {
        return await(what).atMost(AT_MOST).pollDelay(Duration.ZERO).pollInterval(POLL);
    }
}
