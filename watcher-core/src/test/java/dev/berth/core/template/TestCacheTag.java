package dev.berth.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {% cache KEY %}: a body rendered once per value of KEY, reused by the next render while the value is equal. */
final class TestCacheTag {

    private final TemplateEngine engine = new TemplateEngine();

    private static Map<String, Object> groups(Object... groups) {
        return Map.of("upstreams", List.of(groups));
    }

    @Test
    void rendersAsIfTheTagWereNotThere() {
        Template cached = engine.fromString("t", "{% for u in upstreams %}{% cache u %}[{{ u.name }}:{{ u.n }}]{% endcache %}{% endfor %}");
        Template plain = engine.fromString("t", "{% for u in upstreams %}[{{ u.name }}:{{ u.n }}]{% endfor %}");
        Map<String, Object> context = groups(Map.of("name", "a", "n", 1), Map.of("name", "b", "n", 2));

        assertThat(cached.render(context)).isEqualTo(plain.render(context)).isEqualTo("[a:1][b:2]");
        assertThat(cached.render(context)).isEqualTo("[a:1][b:2]");
    }

    @Test
    void reusesTheBodyOfAnEqualValueAndRendersAChangedOneAgain() {
        // The body shows a value from outside KEY, which it promised not to: that makes reuse visible.
        Template template = engine.fromString("t", "{% for u in upstreams %}{% cache u %}[{{ u.name }}:{{ u.n }}:{{ run }}]{% endcache %}{% endfor %}");

        assertThat(template.render(Map.of("run", 1, "upstreams", List.of(Map.of("name", "a", "n", 1), Map.of("name", "b", "n", 1)))))
                .isEqualTo("[a:1:1][b:1:1]");
        assertThat(template.render(Map.of("run", 2, "upstreams", List.of(Map.of("name", "a", "n", 1), Map.of("name", "b", "n", 2)))))
                .as("a is reused, b changed").isEqualTo("[a:1:1][b:2:2]");
    }

    @Test
    void keepsOnlyTheLastRendersBodies() {
        Template template = engine.fromString("t", "{% cache key %}{{ key }}:{{ run }}{% endcache %}");

        assertThat(template.render(Map.of("key", "x", "run", 1))).isEqualTo("x:1");
        assertThat(template.render(Map.of("key", "y", "run", 2))).isEqualTo("y:2");
        assertThat(template.render(Map.of("key", "x", "run", 3))).as("x was not in the last render").isEqualTo("x:3");
    }

    @Test
    void aFailedRenderLeavesTheLastGoodBodiesAndKeepsNothingOfItsOwn() {
        Template template = engine.fromString("t", "{% cache key %}{{ key }}:{{ run }}{{ extra }}{% endcache %}");

        assertThat(template.render(Map.of("key", "x", "run", 1, "extra", ""))).isEqualTo("x:1");
        assertThatThrownBy(() -> template.render(Map.of("key", "y", "run", 2))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("extra");
        assertThat(template.render(Map.of("key", "x", "run", 3, "extra", ""))).isEqualTo("x:1");
        assertThat(template.render(Map.of("key", "y", "run", 4, "extra", ""))).isEqualTo("y:4");
    }

    @Test
    void withoutAKeyIsATemplateError() {
        Template template = engine.fromString("broken.j2", "{% cache %}body{% endcache %}");

        assertThatThrownBy(() -> template.render(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.j2").hasMessageContaining("cache");
    }
}
