package dev.berth.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A value in a message can neither add a log line nor disguise the one it is on. */
final class TestPrintable {

    @Test
    void escapesNewlinesSoAValueCannotForgeALogLine() {
        assertThat(Printable.of("80\n2026-01-01 WARN forged\r\n")).isEqualTo("80\\u000a2026-01-01 WARN forged\\u000d\\u000a");
    }

    @Test
    void escapesAnsiEscapesNulAndC1Controls() {
        assertThat(Printable.of("\u001b[31mred\u001b[0m\u0000\u0085")).isEqualTo("\\u001b[31mred\\u001b[0m\\u0000\\u0085");
    }

    @Test
    void escapesLineSeparatorsAndInvisibleFormatCharacters() {
        assertThat(Printable.of("a\u2028b\u2029c\u202eevil\u200bd\ufeff"))
                .isEqualTo("a\\u2028b\\u2029c\\u202eevil\\u200bd\\ufeff");
    }

    @Test
    void doublesABackslashSoAnEscapeIsNeverAmbiguous() {
        assertThat(Printable.of("\\u000a")).isEqualTo("\\\\u000a");
        assertThat(Printable.of("\n")).isEqualTo("\\u000a");
    }

    @Test
    void escapesALoneSurrogate() {
        assertThat(Printable.of("a\ud800b")).isEqualTo("a\\ud800b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-1", "８０", "٨٠", "café", "e\u0301", "😀", "{{ x }}; server evil:1 #", "' \" `"})
    void keepsVisibleTextAsItIs(String value) {
        assertThat(Printable.of(value)).isEqualTo(value);
    }

    @Test
    void boundsTheLengthInCodePoints() {
        assertThat(Printable.of("😀".repeat(10_000))).isEqualTo("😀".repeat(80) + "…");
        assertThat(Printable.of("x".repeat(80))).isEqualTo("x".repeat(80));
    }
}
