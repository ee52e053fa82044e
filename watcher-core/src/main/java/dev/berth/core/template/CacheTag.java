package dev.berth.core.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.LengthLimitingStringBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {% cache KEY %}…{% endcache %}}: the body's output for a value of KEY, kept from one
 * render to the next, so that when one container changes only its group is rendered again. The
 * template promises that the body depends on KEY alone (docs/templates.md). A fragment is reused
 * when KEY's value equals the one it was rendered for; only the fragments of the last render are
 * kept, and none that had an error.
 *
 * <p>One per template, used by one render at a time (the template's render holds its lock).
 */
final class CacheTag implements Tag {

    private static final long serialVersionUID = 1L;

    /** The fragments of the last complete render, and those of the render under way. */
    private transient Map<Key, String> previous = new HashMap<>();
    private transient Map<Key, String> current = new HashMap<>();

    @Override
    public String getName() {
        return "cache";
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
        String expression = node.getHelpers().strip();
        if (expression.isEmpty()) {
            throw new TemplateSyntaxException(interpreter, node.getMaster().getImage(),
                    "the cache tag needs the value its body depends on, e.g. {% cache upstream %}");
        }
        Object value = interpreter.resolveELExpression(expression, node.getLineNumber());
        // Jinjava wraps a map it reads; the model's own map compares an unchanged group at once.
        Key key = new Key(value instanceof PyMap map ? map.toMap() : value);
        String output = current.get(key);
        if (output == null) {
            output = previous.get(key);
        }
        if (output == null) {
            int errors = interpreter.getErrors().size();
            LengthLimitingStringBuilder body = new LengthLimitingStringBuilder(interpreter.getConfig().getMaxOutputSize());
            for (Node child : node.getChildren()) {
                body.append(child.render(interpreter));
            }
            output = body.toString();
            if (interpreter.getErrors().size() > errors) {
                return output;
            }
        }
        current.put(key, output);
        return output;
    }

    /** A render begins: fragments are collected afresh. */
    void begin() {
        current = new HashMap<>();
    }

    /** The render succeeded: its fragments are the ones the next render may reuse; the older ones go. */
    void commit() {
        previous = current;
        current = new HashMap<>();
    }

    /**
     * A cached body's value. A map hashes by its "name" (a group's name) rather than by all its
     * entries: equal maps have equal names, and hashing 10,000 backends on every render would cost
     * what the cache saves.
     */
    private record Key(Object value) {
        @Override
        public int hashCode() {
            return value instanceof Map<?, ?> map ? Objects.hashCode(map.get("name")) : Objects.hashCode(value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(value, that.value);
        }
    }
}
