package dev.berth.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.testing.HostileValues;
import dev.berth.core.testing.LabelFuzz;
import org.junit.jupiter.api.Test;

/**
 * The registry side of the hostile-label fuzz, without a proxy: every generated value, in every
 * place Berth reads, is served only when valid and is otherwise left out with a one-line reason.
 * The renderer modules run the same batches through their renderers and real proxies.
 */
final class TestHostileLabels {

    @Test
    void everyHostileValueInEveryPlaceIsServedOnlyWhenValidElseLeftOutWithAPrintableReason() {
        HostileValues hostile = HostileValues.fromSystemProperties();
        var batches = new LabelFuzz(hostile.values(), hostile.seed(), 1_000).batches();

        batches.forEach(LabelFuzz::assertResolvedAsDocumented);
        assertThat(batches.stream().mapToLong(LabelFuzz.Batch::hostile).sum())
                .isEqualTo((long) hostile.values().size() * LabelFuzz.Slot.values().length);
    }

    @Test
    void theValuesAreTheSameForTheSameSeedAndCoverTheKnownAttacks() {
        var values = new HostileValues(42, 2_000).values();

        assertThat(values).hasSize(2_000).doesNotHaveDuplicates().isEqualTo(new HostileValues(42, 2_000).values());
        assertThat(values).contains("x\nserver evil 1.2.3.4:80", "{{ 7*7 }}", "\0", "８０", "\u202e", "65536", "a".repeat(10_000));
        assertThat(values).anyMatch(v -> v.length() >= 10_000 && !v.equals("a".repeat(10_000)));
    }
}
