package dev.berth.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestCoalescing {

    private static final long MS = 1_000_000;

    private final Coalescing policy = new Coalescing(Wait.parse("300ms:2s"));

    /** Runs a pass from {@code start} to {@code end} (milliseconds). */
    private void pass(long start, long end) {
        assertThat(policy.nanosUntilPass(start * MS)).as("pass due at %d ms", start).isZero();
        policy.passStarted(start * MS);
        policy.passEnded(end * MS, true);
    }

    @Test
    void theFirstChangeIsAppliedAtOnce() {
        policy.changed(1_000 * MS);

        assertThat(policy.nanosUntilPass(1_000 * MS)).isZero();
    }

    @Test
    void aContainerThatStopsServingIsTakenOutWithoutWaitingForQuiet() {
        policy.changed(0);
        pass(0, 100);
        policy.changed(150 * MS);
        assertThat(policy.nanosUntilPass(150 * MS)).as("a start right after a pass waits").isPositive();

        policy.urgent(160 * MS);

        assertThat(policy.nanosUntilPass(160 * MS)).as("with a stop among the changes").isZero();
    }

    @Test
    void afterAnUrgentPassChangesWaitAgain() {
        policy.changed(0);
        pass(0, 100);
        policy.urgent(150 * MS);
        pass(150, 250);

        policy.changed(260 * MS);

        assertThat(policy.nanosUntilPass(260 * MS)).isEqualTo(300 * MS);
    }

    @Test
    void isQuietBeforeTheFirstReloadAndOnceMinHasPassedAfterTheLast() {
        assertThat(policy.quiet(0)).as("before any pass").isTrue();
        policy.changed(0);
        pass(0, 100);

        assertThat(policy.quiet(399 * MS)).as("299 ms after the reload").isFalse();
        assertThat(policy.quiet(400 * MS)).as("300 ms after the reload").isTrue();
        Coalescing none = new Coalescing(Wait.parse("0"));
        none.passStarted(0);
        none.passEnded(100 * MS, true);
        assertThat(none.quiet(100 * MS)).as("without coalescing, right after a reload").isTrue();
    }

    @Test
    void aPassThatReloadedNothingDoesNotMakeTheNextChangeWait() {
        policy.changed(0);
        pass(0, 100);
        policy.changed(500 * MS);
        policy.passStarted(500 * MS);
        policy.passEnded(520 * MS, false);

        policy.changed(540 * MS);

        assertThat(policy.nanosUntilPass(540 * MS)).as("the start after its network-connect").isZero();
    }

    @Test
    void aPassThatReloadedNothingLeavesTheWindowOfTheLastReload() {
        policy.changed(0);
        pass(0, 100);
        policy.urgent(150 * MS);
        policy.passStarted(150 * MS);
        policy.passEnded(160 * MS, false);

        policy.changed(170 * MS);

        assertThat(policy.nanosUntilPass(170 * MS)).as("quiet after the reload at 100 ms and the change at 170 ms")
                .isEqualTo(300 * MS);
    }

    @Test
    void aChangeAfterAQuietPeriodIsAppliedAtOnce() {
        policy.changed(0);
        pass(0, 100);

        policy.changed(400 * MS);

        assertThat(policy.nanosUntilPass(400 * MS)).isZero();
    }

    @Test
    void changesDuringAPassWaitForQuietAfterIt() {
        policy.changed(0);
        policy.passStarted(0);
        policy.changed(50 * MS);
        policy.changed(80 * MS);
        policy.passEnded(100 * MS, true);

        assertThat(policy.nanosUntilPass(100 * MS)).isEqualTo(300 * MS);
    }

    @Test
    void eachChangeWithinTheWindowPushesThePassBackByMin() {
        policy.changed(0);
        pass(0, 100);

        policy.changed(150 * MS);
        assertThat(policy.nanosUntilPass(150 * MS)).isEqualTo(300 * MS);
        policy.changed(350 * MS);
        assertThat(policy.nanosUntilPass(350 * MS)).isEqualTo(300 * MS);
        assertThat(policy.nanosUntilPass(650 * MS)).isZero();
    }

    @Test
    void aSteadyStreamOfChangesDelaysAPassByAtMostMax() {
        policy.changed(0);
        pass(0, 100);

        long t = 150;
        policy.changed(t * MS);
        for (; t < 2_150; t += 100) {
            policy.changed(t * MS);
            assertThat(policy.nanosUntilPass(t * MS)).as("at %d ms", t).isPositive();
        }
        policy.changed(t * MS);
        assertThat(policy.nanosUntilPass(t * MS)).as("2 s after the first held-back change").isZero();
    }

    @Test
    void aBurstOfTwentyChangesCostsTwoPassesAndASingleChangeNoWait() {
        long[] burst = new long[20];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = 5_000 + i * 60L;
        }

        assertThat(play(policy, 150, burst)).containsExactly(5_000L, 6_440L);
        assertThat(play(policy, 150, 10_000)).as("a single change later").containsExactly(10_000L);
        assertThat(play(new Coalescing(Wait.NONE), 150, burst)).as("with --wait 0: passes back to back").hasSize(9);
    }

    /**
     * Plays changes (at the given milliseconds) through the policy as the watcher's loop does, each
     * pass taking {@code passMillis}; answers when each pass started.
     */
    private static List<Long> play(Coalescing policy, long passMillis, long... changes) {
        List<Long> starts = new ArrayList<>();
        long t = 0;
        int next = 0;
        boolean pending = false;
        while (next < changes.length || pending) {
            if (!pending) {
                t = Math.max(t, changes[next]);
                policy.changed(changes[next++] * MS);
                pending = true;
                continue;
            }
            long due = t + policy.nanosUntilPass(t * MS) / MS;
            if (next < changes.length && changes[next] <= due) {
                t = Math.max(t, changes[next]);
                policy.changed(changes[next++] * MS);
                continue;
            }
            t = due;
            policy.passStarted(t * MS);
            pending = false;
            starts.add(t);
            t += passMillis;
            while (next < changes.length && changes[next] <= t) {
                policy.changed(changes[next++] * MS);
                pending = true;
            }
            policy.passEnded(t * MS, true);
        }
        return starts;
    }

    @Test
    void containersToldToStopTogetherShareAPassThatWaitsAtMost100Ms() {
        policy.changed(0);
        pass(0, 100);
        policy.removal(150 * MS);
        assertThat(policy.nanosUntilPass(150 * MS)).as("a stop right after a pass").isEqualTo(100 * MS);

        for (long t = 160; t < 250; t += 10) {
            policy.removal(t * MS);
        }

        assertThat(policy.nanosUntilPass(240 * MS)).as("100 ms after the first stop, whatever follows").isEqualTo(10 * MS);
    }

    @Test
    void aStopAfterQuietIsAppliedAtOnce() {
        policy.changed(0);
        pass(0, 100);

        policy.removal(400 * MS);

        assertThat(policy.nanosUntilPass(400 * MS)).isZero();
    }

    @Test
    void anExitAmongThemIsAppliedAtOnce() {
        policy.changed(0);
        pass(0, 100);
        policy.removal(150 * MS);

        policy.urgent(160 * MS);

        assertThat(policy.nanosUntilPass(160 * MS)).isZero();
    }

    @Test
    void aStopWaitsNoLongerThanMax() {
        Coalescing shortWait = new Coalescing(Wait.parse("10ms:50ms"));
        shortWait.changed(0);
        shortWait.passStarted(0);
        shortWait.passEnded(5 * MS, true);
        for (long t = 6; t <= 56; t += 5) {
            shortWait.removal(t * MS);
        }

        assertThat(shortWait.nanosUntilPass(56 * MS)).as("50 ms after the first").isZero();
        assertThat(Wait.parse("10ms:50ms").removal()).isEqualTo(Duration.ofMillis(50));
        assertThat(Wait.DEFAULT.removal()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void startsTricklingInEveryTwoHundredMsForSixSecondsCostThreePasses() {
        long[] trickle = new long[30];
        for (int i = 0; i < trickle.length; i++) {
            trickle[i] = 5_000 + i * 200L;
        }

        assertThat(play(policy, 150, trickle)).containsExactly(5_000L, 7_200L, 11_100L);
        assertThat(play(policy, 150, 20_000)).as("a single change later").containsExactly(20_000L);
    }

    @Test
    void aSteadyStreamDoublesTheHoldBackUpToFourTimesMax() {
        long[] stream = new long[150];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = 5_000 + i * 200L;
        }

        assertThat(play(policy, 100, stream)).containsExactly(5_000L, 7_200L, 11_400L, 19_600L, 27_800L, 35_100L);
    }

    @Test
    void waitZeroAppliesEveryChangeAtOnce() {
        Coalescing off = new Coalescing(Wait.parse("0"));
        off.changed(0);
        off.passStarted(0);
        off.changed(MS);
        off.passEnded(2 * MS, true);

        assertThat(off.nanosUntilPass(2 * MS)).isZero();
    }

    @Test
    void parsesMinAndMax() {
        assertThat(Wait.parse("50ms:2s")).isEqualTo(new Wait(Duration.ofMillis(50), Duration.ofSeconds(2)));
        assertThat(Wait.parse("1s")).isEqualTo(new Wait(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        assertThat(Wait.parse("0").off()).isTrue();
        assertThatThrownBy(() -> Wait.parse("50")).isInstanceOf(UsageException.class).hasMessageContaining("300ms:2s");
        assertThatThrownBy(() -> Wait.parse("2s:1s")).isInstanceOf(UsageException.class).hasMessageContaining("MAX");
        assertThatThrownBy(() -> Wait.parse("fast")).isInstanceOf(UsageException.class);
    }
}
