package dev.berth.core.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;
import dev.berth.core.spi.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one Jinjava set-up every renderer shares. It is strict: an unknown variable is an error (a
 * typo must not render an empty server list), values are never interpreted again (a label holding
 * "{{ 7*7 }}" stays text), output is bounded, and {@code include} reads only from the template's
 * own folder, or for a built-in template, from its plugin's own resources. The filters
 * {@code nginx_quote} and {@code haproxy_quote} write any value as one quoted argument.
 */
public final class TemplateEngine {

    static final long MAX_OUTPUT_BYTES = 64L * 1024 * 1024;

    private final JinjavaConfig config;

    public TemplateEngine() {
        this(MAX_OUTPUT_BYTES);
    }

    TemplateEngine(long maxOutputBytes) {
        this.config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(maxOutputBytes)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .build();
    }

    /** A user's template file; its includes resolve inside the file's folder only. */
    public Template fromFile(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("template " + file + " does not exist or is not a file");
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return jinjavaTemplate(path.toString(), text, new FolderLocator(path.getParent()));
        } catch (IOException e) {
            throw new ConfigException("cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    /** A template shipped as a resource next to {@code owner}; includes resolve among its siblings. */
    public Template fromResource(Class<?> owner, String resource) {
        ResourceLocator locator = new ResourceSiblingLocator(owner);
        try {
            String text = locator.getString(resource, StandardCharsets.UTF_8, null);
            return jinjavaTemplate("built-in " + resource, text, locator);
        } catch (IOException e) {
            throw new IllegalStateException("built-in template " + resource + " is missing from "
                    + owner.getName() + "'s jar", e);
        }
    }

    /** A template given as text; it may include nothing. For this package's tests. */
    Template fromString(String name, String text) {
        return jinjavaTemplate(name, text, (n, c, i) -> {
            throw new IOException("template " + name + " may not include " + n);
        });
    }

    private Template jinjavaTemplate(String name, String text, ResourceLocator locator) {
        Jinjava jinjava = new Jinjava(config);
        jinjava.setResourceLocator(locator);
        ProxyQuoting.filters().forEach(jinjava.getGlobalContext()::registerFilter);
        CacheTag cache = new CacheTag();
        jinjava.getGlobalContext().registerTag(cache);
        return new JinjavaTemplate(name, text, jinjava, cache);
    }

    private record JinjavaTemplate(String name, String text, Jinjava jinjava, CacheTag cache) implements Template {
        @Override
        public String render(Map<String, ?> context) {
            // One render at a time: the cache tag collects this render's fragments.
            synchronized (cache) {
                cache.begin();
                RenderResult result = jinjava.renderForResult(text, context);
                var fatal = result.getErrors().stream()
                        .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                        .toList();
                if (!fatal.isEmpty()) {
                    throw new ConfigException("template " + name + ": " + fatal.stream()
                            .map(TemplateEngine::describe)
                            .collect(Collectors.joining("; ")));
                }
                cache.commit();
                return result.getOutput();
            }
        }
    }

    private static String describe(TemplateError error) {
        String message = error.getMessage() == null ? error.getReason().toString() : error.getMessage();
        return (error.getLineno() > 0 ? "line " + error.getLineno() + ": " : "") + message.strip();
    }

    private record FolderLocator(Path folder) implements ResourceLocator {
        @Override
        public String getString(String name, Charset encoding, com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter)
                throws IOException {
            // Real paths, so that a symbolic link inside the folder cannot lead out of it.
            Path target = folder.resolve(name).toRealPath();
            if (!target.startsWith(folder.toRealPath())) {
                throw new IOException("'" + name + "' is outside the template folder " + folder);
            }
            return Files.readString(target, encoding);
        }
    }

    private record ResourceSiblingLocator(Class<?> owner) implements ResourceLocator {
        @Override
        public String getString(String name, Charset encoding, com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter)
                throws IOException {
            if (name.contains("..") || name.startsWith("/")) {
                throw new IOException("'" + name + "' is not a built-in template");
            }
            try (InputStream in = owner.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no built-in template '" + name + "'");
                }
                return new String(in.readAllBytes(), encoding);
            }
        }
    }
}
