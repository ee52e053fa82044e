package dev.berth.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestTemplateEngine {

    private final TemplateEngine engine = new TemplateEngine();

    @TempDir
    Path dir;

    @Test
    void rendersMapsAndLists() {
        Template template = engine.fromString("t", "{% for u in upstreams %}{{ u.name }};{% endfor %}");

        assertThat(template.render(Map.of("upstreams", List.of(Map.of("name", "a"), Map.of("name", "b"))))).isEqualTo("a;b;");
    }

    @Test
    void anUnknownVariableIsAnErrorNamingTemplateAndLine() {
        Template template = engine.fromString("web.j2", "line one\n{{ nope }}\n");

        assertThatThrownBy(() -> template.render(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("web.j2").hasMessageContaining("line 2").hasMessageContaining("nope");
    }

    @Test
    void neverInterpretsAValueAgain() {
        Template template = engine.fromString("t", "{{ value }}");

        assertThat(template.render(Map.of("value", "{{ 7*7 }}"))).isEqualTo("{{ 7*7 }}");
    }

    @Test
    void includesOnlyFromTheTemplatesOwnFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("templates"));
        Files.writeString(folder.resolve("part.j2"), "part");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.writeString(folder.resolve("ok.j2"), "{% include 'part.j2' %}");
        Files.writeString(folder.resolve("escape.j2"), "{% include '../secret.txt' %}");

        assertThat(engine.fromFile(folder.resolve("ok.j2")).render(Map.of())).isEqualTo("part");
        assertThatThrownBy(() -> engine.fromFile(folder.resolve("escape.j2")).render(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("escape.j2");
    }

    @Test
    void aSymbolicLinkCannotLeadAnIncludeOutOfTheFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("templates"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(folder.resolve("link.txt"), dir.resolve("secret.txt"));
        Files.writeString(folder.resolve("escape.j2"), "{% include 'link.txt' %}");

        assertThatThrownBy(() -> engine.fromFile(folder.resolve("escape.j2")).render(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("escape.j2");
    }

    @Test
    void aMissingTemplateFileIsAConfigurationError() {
        assertThatThrownBy(() -> engine.fromFile(dir.resolve("nope.j2"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.j2");
    }

    @Test
    void outputIsBounded() {
        Template template = new TemplateEngine(1024).fromString("big", "{% for i in range(100) %}{{ filler }}{% endfor %}");

        assertThat(template.render(Map.of("filler", "x"))).hasSize(100);
        assertThatThrownBy(() -> template.render(Map.of("filler", "x".repeat(100)))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("big");
    }
}
