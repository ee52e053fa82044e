package dev.berth.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.testing.HostileValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nginx_quote and haproxy_quote write any value as one quoted word that the proxy reads back as the
 * value. The real `nginx -t` and `haproxy -c` check them in the renderer modules' fuzz tests; here,
 * each proxy's documented un-escaping, written out, reads every hostile value back.
 */
final class TestProxyQuoting {

    private final TemplateEngine engine = new TemplateEngine();

    @Test
    void templatesCanUseBothFilters() {
        Template template = engine.fromString("t", "{{ v|nginx_quote }} {{ v|haproxy_quote }}");

        assertThat(template.render(Map.of("v", "a\"; }\n$x#"))).isEqualTo("\"a\\\"; }\\n$x#\" \"a\\x22\\x3b \\x7d\\x0a\\x24x\\x23\"");
    }

    @Test
    void nginxQuoteEscapesWhatNginxUnescapesAndReplacesOtherControls() {
        assertThat(ProxyQuoting.nginx("a\"b\\c\nd\re\tf\0g\u001bh😀")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\uFFFDg\uFFFDh😀\"");
    }

    @Test
    void haproxyQuoteWritesEveryByteOutsideAPlainSetInHex() {
        assertThat(ProxyQuoting.haproxy("web-1 a.b:80/x é'$")).isEqualTo("\"web-1 a.b:80/x \\xc3\\xa9\\x27\\x24\"");
        assertThat(ProxyQuoting.haproxy("\0")).isEqualTo("\"\\xef\\xbf\\xbd\"");
    }

    @Test
    void cutsALongValueSoThatTheProxyCanReadTheWord() {
        assertThat(ProxyQuoting.nginx("é".repeat(10_000)).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(ProxyQuoting.MAX_BYTES);
        assertThat(ProxyQuoting.haproxy("\n".repeat(10_000))).hasSizeLessThanOrEqualTo(ProxyQuoting.MAX_BYTES).endsWith("\\x0a\"");
    }

    @Test
    void eachProxyReadsEveryHostileValueBackFromItsQuotedForm() {
        for (String value : new HostileValues(HostileValues.DEFAULT_SEED, HostileValues.DEFAULT_COUNT).values()) {
            String nginx = ProxyQuoting.nginx(value);
            assertThat(unquoteNginx(nginx)).as("nginx: %s", nginx).isEqualTo(readable(value, nginx, true));
            String haproxy = ProxyQuoting.haproxy(value);
            assertThat(unquoteHaproxy(haproxy)).as("haproxy: %s", haproxy).isEqualTo(readable(value, haproxy, false));
        }
    }

    /** The value as the proxy should read it: controls (nginx) or NUL (HAProxy) replaced, cut as the quoted form is. */
    private static String readable(String value, String quoted, boolean nginx) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            boolean replaced = Character.getType(c) == Character.SURROGATE
                    || (nginx ? Character.isISOControl(c) && "\n\r\t".indexOf(c) < 0 : c == 0);
            out.appendCodePoint(replaced ? 0xFFFD : c);
        });
        String all = out.toString();
        String read = nginx ? unquoteNginx(quoted) : unquoteHaproxy(quoted);
        assertThat(all).startsWith(read);
        assertThat(read.length() == all.length() || quoted.getBytes(StandardCharsets.UTF_8).length > ProxyQuoting.MAX_BYTES - 16)
                .as("cut only when long").isTrue();
        return read;
    }

    /** nginx's ngx_conf_read_token: inside "…", \" \' \\ \t \r \n are escapes, everything else is literal. */
    private static String unquoteNginx(String quoted) {
        assertThat(quoted).startsWith("\"").endsWith("\"");
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            assertThat(c).as("unescaped quote or control").isNotEqualTo('"').matches(ch -> !Character.isISOControl(ch));
            if (c == '\\') {
                char next = body.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** HAProxy's parse_line, for what haproxy_quote writes: plain ASCII and \xHH bytes of UTF-8. */
    private static String unquoteHaproxy(String quoted) {
        assertThat(quoted).startsWith("\"").endsWith("\"").matches("\"(?:[A-Za-z0-9 _.,:/@+=-]|\\\\x[0-9a-f]{2})*+\"");
        String body = quoted.substring(1, quoted.length() - 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\\') {
                bytes.write(Integer.parseInt(body.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                bytes.write(body.charAt(i));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
