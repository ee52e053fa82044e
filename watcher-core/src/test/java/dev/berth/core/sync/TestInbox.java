package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.docker.ContainerEvent;
import dev.berth.core.registry.ServingPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sources' changes wait in the inbox; the watcher takes them in batches, as long as coalescing says. */
final class TestInbox {

    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(10);

    private final Inbox inbox = new Inbox(ServingPolicy.DEFAULT);

    /** A coalescing policy right after a pass that reloaded the proxy: changes now wait for {@code quiet}. */
    private static Coalescing justReloaded(Duration quiet) {
        Coalescing coalescing = new Coalescing(new Wait(quiet, quiet.multipliedBy(4)));
        long now = System.nanoTime();
        coalescing.changed(now);
        coalescing.passStarted(now);
        coalescing.passEnded(now, true);
        return coalescing;
    }

    private static Duration timeToBatch(Inbox inbox, Coalescing coalescing, ContainerEvent event) throws InterruptedException {
        long start = System.nanoTime();
        inbox.containerChanged(event);
        assertThat(inbox.nextBatch(coalescing)).hasSize(1);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aBatchHoldsEverythingToldInTheOrderItCame() throws InterruptedException {
        inbox.resyncNeeded("reconnected");
        inbox.containerChanged(new ContainerEvent("start", "c1"));
        inbox.containerChanged(new ContainerEvent("die", "c2"));

        List<Task> batch = inbox.nextBatch(new Coalescing(Wait.NONE));

        assertThat(batch).hasSize(3);
        assertThat(batch.get(0)).isEqualTo(new Task.Resync("reconnected"));
        assertThat(batch.subList(1, 3)).extracting(t -> ((Task.Changed) t).event().containerId()).containsExactly("c1", "c2");
        assertThat(Task.firstArrival(batch)).as("a resync started no clock").isEqualTo(OptionalLong.of(((Task.Changed) batch.get(1)).arrived()));
    }

    @Test
    void aChangeRightAfterAReloadWaitsForQuiet() throws InterruptedException {
        assertThat(timeToBatch(inbox, justReloaded(QUIET), new ContainerEvent("start", "c1"))).isGreaterThanOrEqualTo(QUIET);
    }

    @Test
    void aContainerThatExitedIsTakenAtOnce() throws InterruptedException {
        assertThat(timeToBatch(inbox, justReloaded(LONG), new ContainerEvent("die", "c1"))).isLessThan(LONG.dividedBy(2));
    }

    @Test
    void aContainerToldToStopWaitsOnlyBrieflyForOthers() throws InterruptedException {
        ContainerEvent sigterm = new ContainerEvent("kill", "c1", Map.of("signal", "SIGTERM"));

        assertThat(timeToBatch(inbox, justReloaded(LONG), sigterm)).isLessThan(LONG.dividedBy(2));
    }

    @Test
    void withoutDrainingAStopSignalWaitsAsAnyChange() throws InterruptedException {
        Inbox notDraining = new Inbox(new ServingPolicy(false, Set.of()));
        ContainerEvent sigterm = new ContainerEvent("kill", "c1", Map.of("signal", "SIGTERM"));

        assertThat(timeToBatch(notDraining, justReloaded(QUIET), sigterm)).isGreaterThanOrEqualTo(QUIET);
    }
}
