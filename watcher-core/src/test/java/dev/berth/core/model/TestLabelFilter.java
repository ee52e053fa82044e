package dev.berth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestLabelFilter {

    @Test
    void keyAndValueMatchOnlyThatValue() {
        LabelFilter filter = LabelFilter.parse("com.ameyalokare.type=web");

        assertThat(filter.matches(Map.of("com.ameyalokare.type", "web"))).isTrue();
        assertThat(filter.matches(Map.of("com.ameyalokare.type", "nginx"))).isFalse();
        assertThat(filter.matches(Map.of())).isFalse();
        assertThat(filter.toDockerFilter()).isEqualTo("com.ameyalokare.type=web");
    }

    @Test
    void keyAloneMatchesAnyValue() {
        LabelFilter filter = LabelFilter.parse("berth.enable");

        assertThat(filter.matches(Map.of("berth.enable", ""))).isTrue();
        assertThat(filter.matches(Map.of("other", "x"))).isFalse();
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertThat(LabelFilter.parse("a=b=c").value()).contains("b=c");
    }

    @Test
    void emptyKeyIsAUsageError() {
        assertThatThrownBy(() -> LabelFilter.parse("=web")).isInstanceOf(UsageException.class).hasMessageContaining("=web");
    }
}
