package dev.berth.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TestCheckerOutput {

    @Test
    void keepsNginxsErrorWithoutItsTimeAndPid() {
        String output = """
                2026/11/24 20:20:25 [emerg] 8#8: unknown directive "bogus_directive" in /etc/nginx/conf.d/web.conf:11
                nginx: configuration file /etc/nginx/nginx.conf test failed
                """;

        assertThat(CheckerOutput.firstError(output, 1))
                .isEqualTo("[emerg] unknown directive \"bogus_directive\" in /etc/nginx/conf.d/web.conf:11");
    }

    @Test
    void keepsHaproxysFirstAlertWithoutItsPid() {
        String output = """
                [NOTICE]   (23408) : haproxy version is 2.6.12-1+deb12u4
                [ALERT]    (23408) : config : parsing [h.cfg:6] : unknown keyword 'bogus' in 'frontend' section
                [ALERT]    (23408) : config : Fatal errors found in configuration.
                """;

        assertThat(CheckerOutput.firstError(output, 1))
                .isEqualTo("[ALERT] config : parsing [h.cfg:6] : unknown keyword 'bogus' in 'frontend' section");
    }

    @Test
    void withoutAnErrorMarkItIsTheFirstLineOrTheExitCode() {
        assertThat(CheckerOutput.firstError("\nsomething failed\nmore\n", 2)).isEqualTo("something failed");
        assertThat(CheckerOutput.firstError("", 2)).isEqualTo("it exited 2 and printed nothing");
    }
}
