package dev.berth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class TestRoute {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "a.example.com", "*.example.com", "localhost", "x-1.example", "127.0.0.1",
            "EXAMPLE.com", "*.Example.COM"})
    void acceptsRfc1123NamesAndALeadingWildcard(String host) {
        assertThat(Route.hostProblem(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "*.", "a..b", "-a.com", "a-.com", "a_b.com", "a.*.com", "**.a.com", "a.com.", "a.com:80",
            "a b.com", "a.com;", "a.com\nserver", "\u212aexample.com", "ｅxample.com", "a.com}", "$host", "a'b.com"})
    void rejectsAnythingElse(String host) {
        assertThat(Route.hostProblem(host)).isPresent();
    }

    @Test
    void boundsLabelsAndNames() {
        assertThat(Route.hostProblem("a".repeat(63) + ".com")).isEmpty();
        assertThat(Route.hostProblem("a".repeat(64) + ".com")).isPresent();
        String longest = Stream.generate(() -> "a".repeat(61)).limit(4).reduce((a, b) -> a + "." + b).orElseThrow() + ".abcde";
        assertThat(longest).hasSize(253);
        assertThat(Route.hostProblem(longest)).isEmpty();
        assertThat(Route.hostProblem(longest + "e")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/", "/a/b-c/d_e.f~g", "/.well-known/"})
    void acceptsPathPrefixesOfTheSafeAlphabet(String path) {
        assertThat(Route.pathProblem(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "//", "/a//b", "/a/./b", "/../x", "/a/..", "/a b", "/a;", "/a%2e", "/a{", "/a?x", "/a#x",
            "/a\nb", "/ä", "/$uri", "/a'b", "/a\"b"})
    void rejectsOtherPaths(String path) {
        assertThat(Route.pathProblem(path)).isPresent();
    }

    @Test
    void holdsHostNamesInLowerCaseAndRefusesInvalidValues() {
        assertThat(new Route("App.Example.COM", "/")).isEqualTo(new Route("app.example.com", "/"));
        assertThatThrownBy(() -> new Route("a.com;x", "/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host 'a.com;x' is not valid: expected a host name (RFC 1123: letters, digits and '-' in dot-separated"
                        + " labels of at most 63, at most 253 in all), optionally starting with '*.'");
        assertThatThrownBy(() -> new Route("a.com", "/a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("path '/a b' is not valid: expected a path starting with '/'");
    }

    @Test
    void matchOrderIsExactNamesThenLongerWildcardsThenLongestPath() {
        List<Route> routes = Stream.of(new Route("*.example.com", "/"), new Route("a.example.com", "/"),
                new Route("*.a.example.com", "/"), new Route("a.example.com", "/api"), new Route("b.com", "/"))
                .sorted(Route.MATCH_ORDER).toList();

        assertThat(routes).extracting(Route::toString).containsExactly(
                "a.example.com/api", "a.example.com/", "b.com/", "*.a.example.com/", "*.example.com/");
        assertThat(new Route("*.example.com", "/").suffix()).isEqualTo(".example.com");
    }
}
