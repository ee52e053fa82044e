package dev.berth.core.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class TestConcurrently {

    @Test
    void answersTheResultsInTheListsOrder() {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();

        List<String> results = Concurrently.map(items, 4, i -> {
            sleep(i % 3); // finishes out of order
            return "#" + i;
        });

        assertThat(results).containsExactlyElementsOf(items.stream().map(i -> "#" + i).toList());
    }

    @Test
    void runsThatManyAtOnceAndNoMore() {
        CyclicBarrier allFourAtOnce = new CyclicBarrier(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        Concurrently.map(IntStream.range(0, 8).boxed().toList(), 4, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // Four at a time or the barrier times out: the work really is shared out.
                allFourAtOnce.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return i;
        });

        assertThat(most.get()).isEqualTo(4);
    }

    @Test
    void throwsTheFirstFailureAsItIs() {
        IllegalStateException failure = new IllegalStateException("daemon gone");

        assertThatThrownBy(() -> Concurrently.map(List.of(1, 2, 3), 2, i -> {
            if (i == 2) {
                throw failure;
            }
            return i;
        })).isSameAs(failure);
    }

    @Test
    void aSingleItemOrThreadRunsOnTheCallersThread() {
        Thread caller = Thread.currentThread();

        assertThat(Concurrently.map(List.of(1), 4, i -> Thread.currentThread())).containsExactly(caller);
        assertThat(Concurrently.map(List.of(1, 2), 1, i -> Thread.currentThread())).containsOnly(caller);
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
